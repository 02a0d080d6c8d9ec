//! Writing a file so that a crash, a full disk or a kill at any moment leaves either the old file or the new
//! one, never half of one: sessions, the app's exports and the command line's `-o` all write this way.
//!
//! The bytes go to a temporary file in the same folder (`.NAME.PID.tmp`), are flushed to disk, and the temporary
//! file is renamed over the target (a rename within one file system is atomic). [`write_atomic`] writes bytes
//! held in memory; an [`AtomicFile`] is written as a stream and takes the target's place on
//! [`AtomicFile::commit`] (dropped without a commit, it removes its temporary file).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (see the module's doc). The folder must exist: a path in a missing
/// folder is more often a typing mistake than a wish.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file being written beside its target, which it replaces on [`AtomicFile::commit`].
pub struct AtomicFile {
    /// `None` once committed.
    out: Option<BufWriter<File>>,
    temporary: PathBuf,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing the temporary file for `path`; fails if `path`'s folder does not exist.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temporary)?;
        Ok(AtomicFile { out: Some(BufWriter::new(file)), temporary, path: path.to_path_buf() })
    }

    /// Flushes everything to disk and renames the temporary file over the target.
    pub fn commit(mut self) -> std::io::Result<()> {
        let Some(out) = self.out.take() else { return Ok(()) };
        let committed = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&self.temporary, &self.path));
        if committed.is_err() {
            let _ = std::fs::remove_file(&self.temporary);
        }
        committed
    }

    fn out(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.out.as_mut().ok_or_else(|| std::io::Error::other("the file was already committed"))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out()?.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_replace_the_file_and_leave_nothing_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(folder.path()), ["out.json"]);
    }

    #[test]
    fn a_stream_shows_up_only_when_committed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sub").join("out.csv");
        assert!(AtomicFile::create(&path).is_err(), "no file in a folder that is not there");
        std::fs::create_dir(folder.path().join("sub")).unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        writeln!(file, "a,b").unwrap();
        assert!(!path.exists(), "nothing at the target before the commit");
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        assert_eq!(names(&folder.path().join("sub")), ["out.csv"]);
    }

    #[test]
    fn an_abandoned_stream_leaves_the_old_file_and_no_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        writeln!(file, "half a").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(folder.path()), ["out.csv"]);
    }
}
