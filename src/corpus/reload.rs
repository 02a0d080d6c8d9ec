//! Reloading a folder: which files to read again, which to keep, which are gone.
//!
//! A file is unchanged when its path, size and modification time are all what they were at the last load.
//! That is the test `make` and `rsync` trust; an edit that keeps the size and the modification time (which
//! takes deliberate effort) is not seen until the file changes again.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{FileStamp, ListedFile, Listing};

/// The files of one load and their stamps at listing time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    files: BTreeMap<PathBuf, FileStamp>,
}

impl Snapshot {
    /// Every file of a listing. Stamps are taken at listing time, before reading, so a file that changes while
    /// it is read differs from its stamp and is read again on the next reload.
    pub fn of(listing: &Listing) -> Snapshot {
        Snapshot { files: listing.files.iter().map(|f| (f.path.clone(), f.stamp)).collect() }
    }

    pub fn insert(&mut self, file: &ListedFile) {
        self.files.insert(file.path.clone(), file.stamp);
    }

    pub fn remove(&mut self, path: &std::path::Path) {
        self.files.remove(path);
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn stamp(&self, path: &std::path::Path) -> Option<FileStamp> {
        self.files.get(path).copied()
    }
}

/// What a reload has to do, every list sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReloadPlan {
    /// Files not in the previous snapshot.
    pub added: Vec<ListedFile>,
    /// Files whose size or modification time differ from the snapshot.
    pub changed: Vec<ListedFile>,
    /// Files exactly as they were: keep what was read from them.
    pub unchanged: Vec<PathBuf>,
    /// Files in the snapshot that are no longer listed: drop what was read from them.
    pub removed: Vec<PathBuf>,
}

impl ReloadPlan {
    /// The files to read, added and changed together, sorted by path.
    pub fn to_read(&self) -> Vec<&ListedFile> {
        let mut files: Vec<&ListedFile> = self.added.iter().chain(&self.changed).collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Compares a fresh listing of the folder with the snapshot of the previous load.
pub fn plan_reload(previous: &Snapshot, listing: &Listing) -> ReloadPlan {
    let mut plan = ReloadPlan::default();
    for file in &listing.files {
        match previous.files.get(&file.path) {
            None => plan.added.push(file.clone()),
            // No modification time means no way to know: read it again.
            Some(stamp) if *stamp != file.stamp || stamp.modified.is_none() => plan.changed.push(file.clone()),
            Some(_) => plan.unchanged.push(file.path.clone()),
        }
    }
    let listed: std::collections::BTreeSet<&PathBuf> = listing.files.iter().map(|f| &f.path).collect();
    plan.removed = previous.files.keys().filter(|p| !listed.contains(p)).cloned().collect();
    for list in [&mut plan.added, &mut plan.changed] {
        list.sort_by(|a, b| a.path.cmp(&b.path));
    }
    plan.unchanged.sort();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::list_folder;
    use std::time::{Duration, SystemTime};

    fn set_mtime(path: &std::path::Path, time: SystemTime) {
        let file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        file.set_modified(time).unwrap();
    }

    fn names(paths: impl IntoIterator<Item = PathBuf>) -> Vec<String> {
        paths.into_iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn reload_reads_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
        for name in ["same.txt", "edited.txt", "touched.txt", "deleted.txt"] {
            std::fs::write(root.join(name), "Talks opened in Vienna.").unwrap();
            set_mtime(&root.join(name), old);
        }
        let snapshot = Snapshot::of(&list_folder(root));
        assert_eq!(snapshot.len(), 4);

        // Same size, new time; new size; a new file; a deleted one.
        set_mtime(&root.join("touched.txt"), old + Duration::from_secs(60));
        std::fs::write(root.join("edited.txt"), "Talks opened in Vienna and Graz.").unwrap();
        set_mtime(&root.join("edited.txt"), old);
        std::fs::write(root.join("new.md"), "# Vote in Bern").unwrap();
        std::fs::remove_file(root.join("deleted.txt")).unwrap();

        let plan = plan_reload(&snapshot, &list_folder(root));
        assert_eq!(names(plan.added.iter().map(|f| f.path.clone())), ["new.md"]);
        assert_eq!(names(plan.changed.iter().map(|f| f.path.clone())), ["edited.txt", "touched.txt"]);
        assert_eq!(names(plan.unchanged.clone()), ["same.txt"]);
        assert_eq!(names(plan.removed.clone()), ["deleted.txt"]);
        assert_eq!(names(plan.to_read().into_iter().map(|f| f.path.clone())), ["edited.txt", "new.md", "touched.txt"]);
    }

    #[test]
    fn reload_of_an_unchanged_folder_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Rain in Bergen.").unwrap();
        let listing = list_folder(dir.path());
        let plan = plan_reload(&Snapshot::of(&listing), &list_folder(dir.path()));
        assert!(plan.to_read().is_empty() && plan.removed.is_empty());
        assert_eq!(plan.unchanged.len(), 1);
        assert_eq!(plan_reload(&Snapshot::default(), &listing).added.len(), 1, "a first load reads everything");
    }
}
