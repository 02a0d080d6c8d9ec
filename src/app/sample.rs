//! The sample articles, opened when no folder is given. A build run from its source tree opens them where they
//! are (`assets/sample`); a binary copied elsewhere or installed with `cargo install` has no source tree, so the
//! same articles are built into it and written once to the app's data folder, never anywhere the user keeps
//! files.

use std::path::{Path, PathBuf};

/// The sample articles, by file name, as built into the binary.
const SAMPLE_FILES: &[(&str, &[u8])] = &[
    ("2015-08-03-doha-talks.md", include_bytes!("../../assets/sample/2015-08-03-doha-talks.md")),
    ("2015-08-05-kuala-lumpur-asean.txt", include_bytes!("../../assets/sample/2015-08-05-kuala-lumpur-asean.txt")),
    ("2017-01-13-astana-preparations.txt", include_bytes!("../../assets/sample/2017-01-13-astana-preparations.txt")),
    ("2017-01-24-astana-ends.txt", include_bytes!("../../assets/sample/2017-01-24-astana-ends.txt")),
    ("2017-02-23-geneva-resumes.txt", include_bytes!("../../assets/sample/2017-02-23-geneva-resumes.txt")),
    ("notes-without-date.txt", include_bytes!("../../assets/sample/notes-without-date.txt")),
];

/// The folder of sample articles: the source tree's when it is there, else a copy in the app's data folder
/// (`$XDG_DATA_HOME/newsatlas/sample`, or the temporary folder when there is no home), written on first use.
/// `None` only when no copy can be written.
pub fn sample_folder() -> Option<PathBuf> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("sample");
    if source.is_dir() {
        return Some(source);
    }
    let data = crate::session::data_folder().unwrap_or_else(|| std::env::temp_dir().join("newsatlas"));
    let folder = data.join("sample");
    write_samples(&folder).ok()?;
    Some(folder)
}

/// Writes the sample articles into `folder` (made if missing), restoring any that are missing or changed; a
/// file the user added there is left alone.
pub fn write_samples(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    for (name, bytes) in SAMPLE_FILES {
        let path = folder.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(*bytes) {
            crate::atomic_write::write_atomic(&path, bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_in_the_source_tree_is_built_in() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("sample");
        let mut on_disk: Vec<String> =
            std::fs::read_dir(source).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        on_disk.sort();
        let built_in: Vec<&str> = SAMPLE_FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, built_in);
    }

    /// Regression (issue 17): an installed binary, far from its source tree, opened on "No folder open".
    #[test]
    fn the_built_in_samples_are_written_to_a_folder_of_their_own_and_read_back_whole() {
        let data = tempfile::tempdir().unwrap();
        let folder = data.path().join("sample");
        write_samples(&folder).unwrap();
        std::fs::write(folder.join("2017-01-24-astana-ends.txt"), "changed").unwrap();
        std::fs::write(folder.join("mine.txt"), "Talks in Oslo.").unwrap();
        write_samples(&folder).unwrap();
        let (articles, problems) = crate::corpus::read_folder(&folder, &Default::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles.len(), SAMPLE_FILES.len() + 1, "the user's own file is kept");
        let restored = std::fs::read(folder.join("2017-01-24-astana-ends.txt")).unwrap();
        assert_ne!(restored, b"changed", "a changed sample is restored");
    }
}
