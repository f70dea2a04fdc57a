//! Event files (`events/<slug>.yaml`): the days, the venue, the programme and where to
//! register, checked like the rest of the content.

use super::raw::S;
use chrono::{NaiveDate, NaiveTime};

use super::check::Checker;
use super::model::{Event, EventDay, Session};
use super::raw::RawEvent;

impl Checker<'_> {
    pub fn event(&mut self, slug: &str, raw: &RawEvent) -> Option<Event> {
        let mut days = Vec::new();
        for day in &raw.days {
            let date = self.date(&day.value.date);
            let from = self.time(&day.value.from);
            let to = self.time(&day.value.to);
            if let (Some(date), Some(from), Some(to)) = (date, from, to) {
                if to <= from {
                    self.report(
                        self.error(&day.value.to, "the day ends before it starts")
                            .hint("write times as HH:MM, from the start to the end"),
                    );
                }
                days.push(EventDay { date, from, to });
            }
        }
        if raw.days.is_empty() {
            self.report(
                self.error(&raw.registration, "the event has no day")
                    .hint("list its days under `days:`, each with `date`, `from` and `to`"),
            );
        }
        let mut programme = Vec::new();
        for session in &raw.programme {
            let s = &session.value;
            let date = match &s.day {
                Some(day) => self.date(day),
                None if days.len() <= 1 => days.first().map(|d| d.date),
                None => {
                    self.report(
                        self.error(&s.time, "the session does not say which day it is on")
                            .hint("add `day: YYYY-MM-DD`: the event lasts several days"),
                    );
                    None
                }
            };
            if let (Some(date), Some(day)) = (date, &s.day)
                && !days.iter().any(|d| d.date == date)
            {
                self.report(
                    self.error(day, format!("{date} is not one of the event's days"))
                        .hint("use a date listed under `days:`"),
                );
            }
            let time = self.time(&s.time);
            let title = self.text(&s.title, "session title");
            let speakers: Vec<String> = s
                .speakers
                .iter()
                .filter_map(|sp| self.name(sp, "speaker"))
                .collect();
            if let (Some(date), Some(start), Some(title)) = (date, time, title) {
                programme.push(Session {
                    date,
                    start,
                    title,
                    speakers,
                    origin: self.span(session),
                });
            }
        }
        programme.sort_by_key(|s| (s.date, s.start));
        let registration = self.url(&raw.registration);
        let registration_at = self.span(&raw.registration);
        let partners = match &raw.partners {
            Some(list) => self.logo_list(list, "partners").unwrap_or_default(),
            None => Vec::new(),
        };
        Some(Event {
            slug: slug.to_owned(),
            name: self.name(&raw.name, "event name")?,
            sample: raw.sample,
            venue: self.name(&raw.venue, "venue")?,
            city: self.name(&raw.city, "city")?,
            registration: registration?,
            registration_at,
            days,
            programme,
            partners,
            file: self.source_path(),
        })
    }

    fn date(&mut self, value: &S<String>) -> Option<NaiveDate> {
        self.scalar(
            value,
            |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
            "a date",
            "write a day as YYYY-MM-DD, for example 2026-12-10",
        )
    }

    fn time(&mut self, value: &S<String>) -> Option<NaiveTime> {
        self.scalar(
            value,
            |text| NaiveTime::parse_from_str(text, "%H:%M").ok(),
            "a time of day",
            "write a time as HH:MM, in 24 hours: 09:30, 14:00",
        )
    }
}
