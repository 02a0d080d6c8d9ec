//! The folder walk and careful file reading: file types before opening, sizes before reading, and plain
//! reasons for everything that goes wrong on the way.

use std::fs::{File, Metadata};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Problem, ReadError, is_supported};

/// How a file looked when it was listed: enough to tell on reload whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStamp {
    pub size_bytes: u64,
    /// `None` on file systems that do not record modification times; such files count as changed on reload.
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    pub fn of(metadata: &Metadata) -> FileStamp {
        FileStamp { size_bytes: metadata.len(), modified: metadata.modified().ok() }
    }
}

/// A file the reader will try, with its stamp at listing time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    pub path: PathBuf,
    pub stamp: FileStamp,
}

/// What a folder walk found: readable candidates sorted by path, and problems met on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub files: Vec<ListedFile>,
    pub problems: Vec<Problem>,
}

/// Walks `root` (following symbolic links, reporting loops and dangling links) without opening any file.
///
/// Hidden files and folders (names starting with a dot) are left out, as file managers do. Files with an
/// extension the reader does not know, named pipes, devices and sockets are reported, not opened. `root` may
/// also be a single file.
pub fn list_folder(root: &Path) -> Listing {
    use rayon::prelude::*;

    /// What the walk met, in walk order: a file to look at, or a problem already.
    enum Met {
        File(walkdir::DirEntry),
        Problem(Problem),
    }
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    let mut met = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let error = if err.loop_ancestor().is_some() {
                    ReadError::LinkLoop
                } else {
                    err.io_error().map_or_else(|| ReadError::Io(err.to_string()), |io| io_error(&path, io))
                };
                met.push(Met::Problem(Problem::of(&path, error)));
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path();
        if !file_type.is_file() {
            met.push(Met::Problem(Problem::of(path, ReadError::NotRegularFile(special_kind(&file_type)))));
        } else if entry.depth() > 0 && !is_supported(path) {
            met.push(Met::Problem(Problem::of(path, ReadError::Unsupported)));
        } else {
            met.push(Met::File(entry));
        }
    }
    // Reading the directories is quick; a folder of 100,000 files spends its listing on one `stat` a file,
    // made on all threads (in walk order still).
    let stamped: Vec<Result<ListedFile, Problem>> = met
        .into_par_iter()
        .with_min_len(256)
        .map(|met| match met {
            Met::Problem(problem) => Err(problem),
            Met::File(entry) => {
                let path = entry.path();
                match entry.metadata() {
                    Ok(metadata) => Ok(ListedFile { path: path.to_path_buf(), stamp: FileStamp::of(&metadata) }),
                    Err(err) => {
                        let error =
                            err.io_error().map_or_else(|| ReadError::Io(err.to_string()), |io| io_error(path, io));
                        Err(Problem::of(path, error))
                    }
                }
            }
        })
        .collect();
    let mut listing = Listing::default();
    for item in stamped {
        match item {
            Ok(file) => listing.files.push(file),
            Err(problem) => listing.problems.push(problem),
        }
    }
    listing
}

/// Reads a whole file of at most `max_bytes`, refusing anything that is not a regular file before opening it.
///
/// The stamp returned is the file's state when it was read. A file that changes while it is read is read
/// again, a few times at most; one that never holds still is refused rather than half read.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<(Vec<u8>, FileStamp), ReadError> {
    let max_bytes = max_bytes.min(super::MAX_FILE_BYTES_LIMIT);
    let metadata = std::fs::metadata(path).map_err(|err| io_error(path, &err))?;
    check_regular(&metadata, max_bytes)?;
    for _ in 0..3 {
        let mut file = open_nonblocking(path).map_err(|err| io_error(path, &err))?;
        // The file may have been swapped for something else between the check above and the open.
        let before = file.metadata().map_err(|err| io_error(path, &err))?;
        check_regular(&before, max_bytes)?;
        let capacity = usize::try_from(before.len()).unwrap_or(0).saturating_add(1);
        let mut bytes = Vec::with_capacity(capacity);
        (&mut file).take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|err| io_error(path, &err))?;
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge { size_bytes: bytes.len() as u64, limit_bytes: max_bytes });
        }
        let after = file.metadata().map_err(|err| io_error(path, &err))?;
        let stamp = FileStamp::of(&after);
        if stamp == FileStamp::of(&before) && stamp.size_bytes == bytes.len() as u64 {
            return Ok((bytes, stamp));
        }
    }
    Err(ReadError::KeptChanging)
}

/// Opens a regular file of any size for reading as a stream, refusing anything else (checked again on the
/// open file, which may have been swapped since it was listed).
pub(super) fn open_file(path: &Path) -> Result<File, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|err| io_error(path, &err))?;
    check_regular(&metadata, u64::MAX)?;
    let file = open_nonblocking(path).map_err(|err| io_error(path, &err))?;
    check_regular(&file.metadata().map_err(|err| io_error(path, &err))?, u64::MAX)?;
    Ok(file)
}

fn check_regular(metadata: &Metadata, max_bytes: u64) -> Result<(), ReadError> {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return Err(ReadError::NotRegularFile("a folder"));
    }
    if !file_type.is_file() {
        return Err(ReadError::NotRegularFile(special_kind(&file_type)));
    }
    if metadata.len() > max_bytes {
        return Err(ReadError::TooLarge { size_bytes: metadata.len(), limit_bytes: max_bytes });
    }
    Ok(())
}

/// Opens for reading without blocking: should a named pipe slip past the type check (swapped in after it),
/// opening it must not wait for a writer that never comes.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_file_type: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// A plain reason for an I/O error on `path`, telling a deleted file from a dangling link from a loop.
fn io_error(path: &Path, err: &std::io::Error) -> ReadError {
    match err.kind() {
        ErrorKind::NotFound => {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if is_link { ReadError::DanglingLink } else { ReadError::Vanished }
        }
        ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        _ if is_loop_error(err) => ReadError::LinkLoop,
        _ => ReadError::Io(err.to_string()),
    }
}

#[cfg(unix)]
fn is_loop_error(err: &std::io::Error) -> bool {
    err.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop_error(_err: &std::io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_files_and_stamps_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Flooding closed roads around Dhaka.").unwrap();
        let (bytes, stamp) = read_bytes(&path, 1024).unwrap();
        assert_eq!(bytes.len(), 35);
        assert_eq!(stamp.size_bytes, 35);
        assert!(stamp.modified.is_some());
    }

    #[test]
    fn refuses_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(100)).unwrap();
        assert_eq!(read_bytes(&big, 99).unwrap_err(), ReadError::TooLarge { size_bytes: 100, limit_bytes: 99 });
        assert_eq!(read_bytes(&dir.path().join("gone.txt"), 99).unwrap_err(), ReadError::Vanished);
        assert_eq!(read_bytes(dir.path(), 99).unwrap_err(), ReadError::NotRegularFile("a folder"));
    }

    #[cfg(unix)]
    #[test]
    fn links_and_pipes_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &dangling).unwrap();
        assert_eq!(read_bytes(&dangling, 99).unwrap_err(), ReadError::DanglingLink);
        let self_link = dir.path().join("self.txt");
        std::os::unix::fs::symlink(&self_link, &self_link).unwrap();
        assert_eq!(read_bytes(&self_link, 99).unwrap_err(), ReadError::LinkLoop);
        let fifo = dir.path().join("pipe.txt");
        let name = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: mkfifo reads a NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        assert_eq!(read_bytes(&fifo, 99).unwrap_err(), ReadError::NotRegularFile("a named pipe (FIFO)"));
        assert_eq!(read_bytes(Path::new("/dev/zero"), 99).unwrap_err(), ReadError::NotRegularFile("a device"));
    }

    /// The `stat`s are made on all threads; what comes back is still in walk order, files and problems alike.
    #[test]
    fn a_large_folder_is_listed_in_walk_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut unsupported = Vec::new();
        for folder in ["a", "b", "c"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            for i in 0..400 {
                let path = dir.path().join(folder).join(format!("{i:04}.txt"));
                std::fs::write(&path, "Snow in Oslo.").unwrap();
                files.push(path);
                if i % 97 == 0 {
                    let odd = dir.path().join(folder).join(format!("{i:04}.xyz"));
                    std::fs::write(&odd, "?").unwrap();
                    unsupported.push(odd);
                }
            }
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("b").join("0100.5.txt")).unwrap();
        let listing = list_folder(dir.path());
        let listed: Vec<&Path> = listing.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(listed, files.iter().map(PathBuf::as_path).collect::<Vec<_>>());
        assert!(listing.files.iter().all(|f| f.stamp.size_bytes == 13));
        let mut expected: Vec<Problem> =
            unsupported.iter().map(|path| Problem::of(path, ReadError::Unsupported)).collect();
        #[cfg(unix)]
        expected.push(Problem::of(&dir.path().join("b").join("0100.5.txt"), ReadError::DanglingLink));
        expected.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(listing.problems, expected);
    }
}
