//! A folder of everything that goes wrong in real folders, built fresh in a temporary directory: every good
//! file must load, every bad one must be listed with a plain reason, nothing may block, and nothing may be
//! written into the folder.

#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsatlas::corpus::{self, ReadError, ReadOptions, relative_id};

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    bytes.extend(utf16_without_bom(text, big_endian));
    bytes
}

fn utf16_without_bom(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    bytes
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo reads a NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo failed");
}

/// Builds the folder: good files of every format and encoding, and every kind of bad file. Hidden files are
/// left out silently, so `.hidden/` and `.DS_Store` must appear nowhere in the results.
fn build_nasty_folder(root: &Path) {
    use std::os::unix::fs::symlink;

    // Good files, one per format and encoding.
    write(root, "good/plain.txt", "Ferry service resumes\n\nBoats left Piraeus for Crete on Tuesday.\n");
    write(root, "good/bom.txt", b"\xEF\xBB\xBFHarbour strike ends in Rotterdam\n\nDockers went back to work.");
    write(root, "good/utf16le.txt", utf16("Snow closes passes\r\n\r\nDrivers were stuck near Innsbruck.", false));
    write(root, "good/utf16be.txt", utf16("Wildfire spreads\n\nFlames reached hills above Valpara\u{ed}so.", true));
    write(root, "good/utf16le-no-bom.txt", utf16_without_bom("Flood warning\r\n\r\nThe Danube rose at Passau.", false));
    write(
        root,
        "good/cp1252.txt",
        b"Caf\xE9 owners protest in Montr\xE9al\r\n\r\nThey said \x93enough is enough\x94 on Rue Sainte-Catherine.",
    );
    write(root, "good/old-mac.txt", "Markets rally\r\rTraders in Frankfurt cheered.\r");
    write(
        root,
        "good/notes.md",
        "---\ntitle: Election day in Accra\ndate: 2024-12-07\nsource: notes\n---\n\nVoters queued in Accra.\n",
    );
    write(
        root,
        "good/page.html",
        r#"<html><head><title>Port reopens | Example News</title>
           <meta property="article:published_time" content="2023-03-01T08:00:00Z">
           <script>track("Lisbon")</script><style>p{}</style></head>
           <body><nav><a href="/">Home</a><a href="/w">World</a></nav>
           <article><h1>Port reopens</h1><p>Ships entered the port of Beira again.</p></article>
           <footer>Contact our Nairobi desk</footer></body></html>"#,
    );
    write(
        root,
        "good/latin1.htm",
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>\
          <body><p>Le pont de Qu\xE9bec est ferm\xE9.</p></body></html>",
    );
    write(
        root,
        "good/one.json",
        r#"{"title":"Dam opens","content":"Water flowed past Aswan.","publishedAt":"2020-06-01"}"#,
    );
    write(root, "good/many.json", r#"[{"id":"m1","text":"Rain in Hanoi."},{"id":"m2","body":"Sun in Hue."}]"#);
    write(
        root,
        "good/feed.jsonl",
        "{\"id\":\"f1\",\"text\":\"Talks in Doha.\",\"date\":\"2021-01-05\"}\n{broken\n{\"id\":\"f3\",\"text\":\"Talks in Muscat.\"}\n",
    );
    write(
        root,
        "good/export.csv",
        "title,date,text\nBridge,2022-02-02,Traffic crossed into Windsor.\nEmpty,2022-02-03,\n",
    );
    let nested: String = (1..=30).map(|i| format!("d{i:02}/")).collect();
    write(root, &format!("{nested}deep.txt"), "Deep in the archive\n\nA note about Tromsø.");
    let odd_name = root.join("good").join(OsStr::from_bytes(b"caf\xE9-latin1-name.txt"));
    std::fs::write(odd_name, "A file whose name is not UTF-8 mentions Lyon.").unwrap();
    write(root, ".hidden/secret.txt", "never read");
    write(root, ".DS_Store", b"\0\0\0\x01Bud1");

    // Bad files.
    write(root, "bad/empty.txt", "");
    write(root, "bad/blank.md", " \n\n \r\n");
    write(root, "bad/junk.txt", [0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0]);
    write(root, "bad/photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
    write(root, "bad/broken.json", "{\"title\": \"cut off");
    write(root, "bad/people.csv", "name,age\nAda,36\n");
    write(root, "bad/scripts-only.html", "<html><head><script>alert(1)</script></head><body></body></html>");
    write(root, "bad/front-matter-only.md", "---\ntitle: Nothing here\n---\n");
    write(root, "bad/deep.html", format!("{}Lost in Quito{}", "<div>".repeat(100_000), "</div>".repeat(100_000)));
    let sparse = std::fs::File::create(root.join("bad/huge-log.txt")).unwrap();
    sparse.set_len(3 << 30).unwrap();
    mkfifo(&root.join("bad/pipe.txt"));
    symlink("/dev/zero", root.join("bad/zero.txt")).unwrap();
    symlink(root.join("bad/missing.txt"), root.join("bad/dangling.txt")).unwrap();
    symlink("self-loop.txt", root.join("bad/self-loop.txt")).unwrap();
    std::fs::create_dir_all(root.join("bad/loop")).unwrap();
    symlink("..", root.join("bad/loop/up")).unwrap();
}

/// Every file and folder name under `root` with its size and modification time, links not followed.
fn fingerprint(root: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok().map(|m| (e.into_path(), m.len(), m.modified().ok())))
        .collect();
    all.sort();
    all
}

fn expected_problems() -> Vec<(&'static str, Option<usize>, &'static str)> {
    vec![
        ("bad/blank.md", None, "empty file"),
        ("bad/broken.json", Some(1), "not valid JSON (EOF while parsing a string at line 1 column 18)"),
        ("bad/dangling.txt", None, "dangling symbolic link (its target does not exist)"),
        ("bad/empty.txt", None, "empty file"),
        ("bad/front-matter-only.md", None, "no text after the front matter"),
        ("bad/huge-log.txt", None, "too large (3.0 GB; the limit is 32 MB)"),
        ("bad/junk.txt", None, "binary file (contains NUL bytes)"),
        ("bad/loop/up", None, "symbolic link loop"),
        (
            "bad/people.csv",
            Some(1),
            "no text column in the CSV header (looked for text, content, body, maintext, articlebody, articletext, fulltext, description, summary)",
        ),
        ("bad/photo.jpg", None, "not a supported format (supported: .txt, .md, .html, .json, .jsonl, .csv)"),
        ("bad/pipe.txt", None, "a named pipe (FIFO), not a regular file"),
        ("bad/scripts-only.html", None, "no article text found in the page"),
        ("bad/self-loop.txt", None, "symbolic link loop"),
        ("bad/zero.txt", None, "a device, not a regular file"),
        ("good/export.csv", Some(3), "the text field is empty"),
        ("good/feed.jsonl", Some(2), "not valid JSON (key must be a string at line 1 column 2)"),
    ]
}

#[test]
fn nasty_folder_loads_every_good_file_and_lists_every_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    build_nasty_folder(root);
    let before = fingerprint(root);

    let (articles, problems) = corpus::read_folder(root, &ReadOptions::default());

    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let nested: String = (1..=30).map(|i| format!("d{i:02}/")).collect();
    let deep_id = format!("{nested}deep.txt");
    let expected_ids = [
        deep_id.as_str(),
        "good/bom.txt",
        "good/caf\u{FFFD}-latin1-name.txt",
        "good/cp1252.txt",
        "f1",
        "f3",
        "good/export.csv:2",
        "good/latin1.htm",
        "m1",
        "m2",
        "good/notes.md",
        "good/old-mac.txt",
        "good/one.json",
        "good/page.html",
        "good/plain.txt",
        "good/utf16be.txt",
        "good/utf16le.txt",
        "good/utf16le-no-bom.txt",
        // Nested 100,000 levels deep: the tags past 512 levels are dropped and the text kept (issue 18).
        "bad/deep.html",
    ];
    let mut sorted_ids = ids.clone();
    sorted_ids.sort_unstable();
    let mut sorted_expected = expected_ids.to_vec();
    sorted_expected.sort_unstable();
    assert_eq!(sorted_ids, sorted_expected);

    let found: Vec<(String, Option<usize>, String)> =
        problems.iter().map(|p| (relative_id(root, &p.path), p.line, p.reason())).collect();
    let expected: Vec<(String, Option<usize>, String)> =
        expected_problems().into_iter().map(|(p, l, r)| (p.to_owned(), l, r.to_owned())).collect();
    assert_eq!(found, expected);

    // What the good files hold, decoded and normalised.
    let text_of = |id: &str| articles.iter().find(|a| a.id == id).map(|a| a.text.as_str().into_owned()).unwrap();
    let title_of = |id: &str| articles.iter().find(|a| a.id == id).map(|a| a.title.clone()).unwrap();
    assert_eq!(text_of("good/utf16le.txt"), "Snow closes passes\n\nDrivers were stuck near Innsbruck.");
    assert!(text_of("good/utf16be.txt").ends_with("Valparaíso."));
    assert_eq!(text_of("good/utf16le-no-bom.txt"), "Flood warning\n\nThe Danube rose at Passau.");
    assert!(text_of("good/cp1252.txt").contains("Montréal\n\nThey said “enough is enough”"));
    assert_eq!(text_of("good/old-mac.txt"), "Markets rally\n\nTraders in Frankfurt cheered.\n");
    assert_eq!(text_of("good/latin1.htm"), "Le pont de Québec est fermé.");
    assert_eq!(text_of("good/page.html"), "Port reopens\n\nShips entered the port of Beira again.");
    assert_eq!(title_of("good/notes.md"), "Election day in Accra");
    assert_eq!(text_of("good/notes.md"), "Voters queued in Accra.\n");
    let dates: Vec<(String, String)> = articles
        .iter()
        .filter_map(|a| a.metadata_date.as_ref().map(|d| (a.id.clone(), format!("{} ({})", d.value, d.field))))
        .collect();
    assert_eq!(
        dates,
        [
            ("good/export.csv:2".to_owned(), "2022-02-02 (csv field date)".to_owned()),
            ("f1".into(), "2021-01-05 (jsonl field date)".into()),
            ("good/notes.md".into(), "2024-12-07 (front matter date)".into()),
            ("good/one.json".into(), "2020-06-01 (json field publishedAt)".into()),
            ("good/page.html".into(), "2023-03-01T08:00:00Z (html meta article:published_time)".into()),
        ]
    );
    let line_of = |id: &str| articles.iter().find(|a| a.id == id).and_then(|a| a.source.line);
    assert_eq!((line_of("f1"), line_of("good/export.csv:2"), line_of("good/plain.txt")), (Some(1), Some(2), None));

    assert_eq!(fingerprint(root), before, "the reader must not write into the folder");
}

#[test]
fn a_file_deleted_between_listing_and_reading_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", "Floods in Porto Alegre.");
    let doomed = write(root, "b.txt", "Drought in Sicily.");
    let listing = corpus::list_folder(root);
    std::fs::remove_file(&doomed).unwrap();
    let results: Vec<_> =
        listing.files.iter().map(|f| corpus::read_file(root, &f.path, &ReadOptions::default())).collect();
    assert!(results[0].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err().error, ReadError::Vanished);
    assert_eq!(results[1].as_ref().unwrap_err().to_string(), format!("{}: deleted while loading", doomed.display()));
}

#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: permissions do not stop root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "locked.txt", "Secret talks in Oslo.");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let err = corpus::read_file(dir.path(), &path, &ReadOptions::default()).unwrap_err();
    assert_eq!(err.error, ReadError::PermissionDenied);
}

/// `newsatlas extract` on the nasty folder: exit 0, articles on stdout, one stderr line per problem. The
/// watchdog is a hang guard (a FIFO opened for reading would block forever), not a speed requirement.
#[test]
fn extract_command_on_the_nasty_folder_finishes_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    build_nasty_folder(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsatlas"))
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(300) {
            child.kill().unwrap();
            panic!("newsatlas extract did not finish on the nasty folder");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stdout.lines().count(), 19, "{stdout}");
    let skipped: Vec<&str> = stderr.lines().filter(|l| l.starts_with("skipped ")).collect();
    assert_eq!(skipped.len(), expected_problems().len(), "{stderr}");
    assert!(skipped.iter().any(|l| l.ends_with("pipe.txt: a named pipe (FIFO), not a regular file")), "{stderr}");
}
