//! Opening a folder's own session file so that nothing the user made is lost: one writer at a time, a file
//! that cannot be read kept aside (never overwritten), and values that would break the views clamped.
//!
//! The file lives in the app's data folder under a name made from the folder's canonical path
//! ([`super::default_path_in`]), so `news/`, `a/../news` and a symbolic link to `news` share it. A lock file
//! beside it (an OS advisory lock, released when the process ends, even by a crash) makes the first window on a
//! folder its writer; a second window reads the session and saves nothing, and says so.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::{PlaceFix, Session, SessionError, View};

/// The years a saved date may fall in; a date outside them is brought to the nearest end.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// The zoom levels a saved map view may have (the map clamps again to what it draws).
const ZOOM_LEVELS: std::ops::RangeInclusive<f64> = 0.0..=30.0;

/// The lock held while a window may write a session; dropping it lets another window write.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

/// A folder's session as [`open`] found it.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    /// `None`: another window holds the session, or its file could not be read; saving would lose work.
    pub lock: Option<SessionLock>,
    /// What the user should be told: a file kept aside, values clamped, another window writing.
    pub notes: Vec<String>,
}

/// Opens the session at `path` for `folder`: takes the writer's lock, reads the file if there is one (a file
/// that is not a session, or is from a newer News Atlas, is renamed with a `.bad` or `.newer` suffix and a
/// new session starts), and clamps what it holds (see [`Session::clamp`]).
pub fn open(path: &Path, folder: &Path) -> Opened {
    let mut notes = Vec::new();
    let mut lock = match lock(path) {
        Ok(Some(lock)) => Some(lock),
        Ok(None) => {
            notes.push(
                "This folder is open in another News Atlas window, which saves its session: corrections made \
                 here are shown but not saved"
                    .to_owned(),
            );
            None
        }
        Err(err) => {
            notes.push(format!("cannot lock {}: {err}; corrections made here are not saved", path.display()));
            None
        }
    };
    let mut session = match Session::load(path) {
        Ok(session) => session,
        Err(SessionError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Session::for_folder(folder)
        }
        Err(err @ (SessionError::Parse { .. } | SessionError::TooNew { .. })) if lock.is_some() => {
            let suffix = if matches!(err, SessionError::TooNew { .. }) { "newer" } else { "bad" };
            match keep_aside(path, suffix) {
                Ok(kept) => notes.push(format!("{err}; it is kept as {} and a new session starts", kept.display())),
                Err(rename) => {
                    notes.push(format!("{err}; it could not be kept aside ({rename}), so nothing is saved"));
                    lock = None;
                }
            }
            Session::for_folder(folder)
        }
        Err(err) => {
            // Unreadable (permissions, a disk error), or another window holds it: never overwrite what could
            // not be read.
            if lock.take().is_some() {
                notes.push(format!("{err}; nothing is saved, so the file stays as it is"));
            }
            Session::for_folder(folder)
        }
    };
    notes.extend(session.clamp());
    Opened { session, lock, notes }
}

/// Takes the writer's lock of the session at `path` (`path` + `.lock`), or `None` if another process, or
/// another window of this one, holds it.
pub fn lock(path: &Path) -> std::io::Result<Option<SessionLock>> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = File::options().create(true).truncate(false).write(true).open(PathBuf::from(name))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(SessionLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(err)) => Err(err),
    }
}

/// Renames `path` to `path.SUFFIX` (or `path.SUFFIX-2`, `-3`, ... if taken), returning the new path.
fn keep_aside(path: &Path, suffix: &str) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let mut name = path.as_os_str().to_owned();
        name.push(if n == 1 { format!(".{suffix}") } else { format!(".{suffix}-{n}") });
        let kept = PathBuf::from(name);
        if !kept.exists() {
            std::fs::rename(path, &kept)?;
            return Ok(kept);
        }
    }
    Err(std::io::Error::other("too many files kept aside already"))
}

fn clamp_date(date: NaiveDate) -> NaiveDate {
    let year = date.year().clamp(*YEARS.start(), *YEARS.end());
    if year == date.year() { date } else { NaiveDate::from_ymd_opt(year, date.month(), 1).unwrap_or(date) }
}

/// A date range brought within [`YEARS`] and put in order.
fn clamp_window((a, b): (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
    let (a, b) = (clamp_date(a), clamp_date(b));
    (a.min(b), a.max(b))
}

impl View {
    /// Brings the view within what the map and the timeline can show; says whether anything changed.
    fn clamp(&mut self) -> bool {
        let before = self.clone();
        if let Some(map) = &mut self.map {
            if [map.center_lon_deg, map.center_lat_deg, map.zoom].iter().all(|v| v.is_finite()) {
                map.center_lon_deg = map.center_lon_deg.clamp(-180.0, 180.0);
                map.center_lat_deg = map.center_lat_deg.clamp(-85.0, 85.0);
                map.zoom = map.zoom.clamp(*ZOOM_LEVELS.start(), *ZOOM_LEVELS.end());
            } else {
                self.map = None;
            }
        }
        self.window = self.window.map(clamp_window);
        *self != before
    }
}

impl Session {
    /// Brings values that no view can show (a map centre at latitude 1e308, a zoom of 1e308, the year
    /// -262143, a window that ends before it starts) within range, and leaves out places the user added at a
    /// point that is not a number. Returns a note for the user if anything changed.
    pub fn clamp(&mut self) -> Option<String> {
        let mut changed = self.view.clamp();
        let before = self.places.len();
        self.places.retain(|c| match &c.fix {
            PlaceFix::NewPlace { lat_deg, lon_deg, .. } => lat_deg.is_finite() && lon_deg.is_finite(),
            _ => true,
        });
        let dropped = before - self.places.len();
        for correction in &mut self.places {
            if let PlaceFix::NewPlace { lat_deg, lon_deg, .. } = &mut correction.fix {
                let clamped = (lat_deg.clamp(-90.0, 90.0), lon_deg.clamp(-180.0, 180.0));
                changed |= clamped != (*lat_deg, *lon_deg);
                (*lat_deg, *lon_deg) = clamped;
            }
        }
        for selection in &mut self.selections {
            let clamped = selection.window.map(clamp_window);
            changed |= clamped != selection.window;
            selection.window = clamped;
        }
        for date in
            self.article_dates.iter_mut().map(|c| &mut c.date).chain(self.event_dates.iter_mut().map(|c| &mut c.date))
        {
            changed |= clamp_date(*date) != *date;
            *date = clamp_date(*date);
        }
        match (changed, dropped) {
            (false, 0) => None,
            (_, 0) => Some(
                "the session held values out of range (a map position, zoom or date); they were brought within range"
                    .to_owned(),
            ),
            (_, n) => Some(format!(
                "the session held values out of range; they were brought within range, and {n} added place(s) with no position were left out"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{MapView, PlaceCorrection, PlaceScope, SavedSelection, default_path_in};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn one_folder_written_three_ways_has_one_session_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("news");
        std::fs::create_dir_all(folder.join("sub")).unwrap();
        let data = dir.path().join("data");
        let plain = default_path_in(&data, &folder);
        let mut slash = folder.as_os_str().to_owned();
        slash.push("/");
        assert_eq!(default_path_in(&data, Path::new(&slash)), plain, "news/");
        assert_eq!(default_path_in(&data, &folder.join("sub").join("..")), plain, "news/sub/..");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&folder, &link).unwrap();
            assert_eq!(default_path_in(&data, &link), plain, "a symbolic link to news");
            // A session saved through the link before sessions were named after the canonical path is found.
            let earlier = crate::session::path_in(&data, &link);
            std::fs::create_dir_all(earlier.parent().unwrap()).unwrap();
            std::fs::write(&earlier, "{}").unwrap();
            crate::session::adopt_earlier_name(&data, &link);
            assert!(!earlier.exists() && plain.is_file());
        }
    }

    #[test]
    fn a_second_window_reads_the_session_but_does_not_write_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions").join("news.json");
        let first = open(&path, dir.path());
        assert!(first.lock.is_some() && first.notes.is_empty(), "{:?}", first.notes);
        let second = open(&path, dir.path());
        assert!(second.lock.is_none());
        assert!(second.notes[0].contains("open in another News Atlas window"), "{:?}", second.notes);
        drop(first);
        assert!(open(&path, dir.path()).lock.is_some(), "the lock goes with the window that held it");
    }

    #[test]
    fn a_session_that_cannot_be_read_is_kept_aside_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("news.json");
        for (contents, suffix) in [("{\"places\": [tru", "bad"), ("{\"format_version\": 99}", "newer")] {
            std::fs::write(&path, contents).unwrap();
            let opened = open(&path, dir.path());
            let kept = dir.path().join(format!("news.json.{suffix}"));
            assert_eq!(std::fs::read_to_string(&kept).unwrap(), contents);
            assert!(opened.lock.is_some() && opened.session.is_empty());
            assert!(opened.notes[0].contains(&kept.display().to_string()), "{:?}", opened.notes);
            assert!(!path.exists());
            // The lock is let go before the next round.
            drop(opened);
        }
        // A second bad file does not replace the first one kept.
        std::fs::write(&path, "not json").unwrap();
        drop(open(&path, dir.path()));
        assert_eq!(std::fs::read_to_string(dir.path().join("news.json.bad-2")).unwrap(), "not json");
    }

    #[test]
    fn values_no_view_can_show_are_clamped_when_loaded() {
        let view = View {
            map: Some(MapView { center_lon_deg: 500.0, center_lat_deg: 1e308, zoom: 1e308 }),
            window: Some((date(2017, 3, 1), date(-262_143, 1, 1))),
            include_undated: true,
            selected_place: None,
        };
        let mut session = Session { view, ..Session::default() };
        let new_place = |lat_deg, lon_deg| PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Mazzeh".into(), was: 1 },
            fix: PlaceFix::NewPlace { name: "Mazzeh".into(), lat_deg, lon_deg },
        };
        session.places = vec![new_place(1e308, 36.25), new_place(f64::NAN, 0.0)];
        session.selections =
            vec![SavedSelection { name: "x".into(), place: None, window: Some((date(2020, 1, 2), date(2019, 1, 1))) }];
        let note = session.clamp().unwrap();
        assert!(note.contains("1 added place"), "{note}");
        let map = session.view.map.unwrap();
        assert_eq!((map.center_lon_deg, map.center_lat_deg, map.zoom), (180.0, 85.0, 30.0));
        assert_eq!(session.view.window, Some((date(1, 1, 1), date(2017, 3, 1))));
        assert_eq!(session.places.len(), 1);
        assert!(matches!(session.places[0].fix, PlaceFix::NewPlace { lat_deg, .. } if lat_deg == 90.0));
        assert_eq!(session.selections[0].window, Some((date(2019, 1, 1), date(2020, 1, 2))));
        assert_eq!(session.clamp(), None, "a clamped session is in range");

        let mut session = Session::default();
        session.view.map = Some(MapView { center_lon_deg: 0.0, center_lat_deg: 0.0, zoom: f64::INFINITY });
        assert!(session.clamp().is_some());
        assert_eq!(session.view.map, None, "a view that is not a number is forgotten");
    }
}
