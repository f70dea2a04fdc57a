# A container for CI systems that run images: the static binary on an empty base.
#
#   docker build -t plaquette .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" \
#     -e SOURCE_DATE_EPOCH=1700000000 plaquette build
#
# The binary carries its fonts, icons and colour profiles: the image needs nothing else.
FROM rust:1-alpine AS build
# musl-dev: the C library headers libdeflate (C) builds against.
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --profile dist --locked --bin plaquette

FROM scratch
COPY --from=build /src/target/dist/plaquette /plaquette
COPY --from=build /src/LICENSE-MIT /src/LICENSE-APACHE /src/fonts/OFL.txt /licences/
WORKDIR /work
ENTRYPOINT ["/plaquette"]
CMD ["build"]
