//! Reading a record file too large to hold in memory: a JSON Lines file of gigabytes (a scraper's or a news
//! API's export) read one line at a time, so that memory holds one record, not the file.
//!
//! A file within the size limit is read whole, as every other file is ([`super::read_file`]); only a JSON
//! Lines file over the limit comes here. The limit then applies to each record (one article): a line over it
//! is reported with its line number and skipped without being held, and the rest of the file loads.
//!
//! Encoding is decided on the first bytes: a UTF-8 byte order mark is dropped, UTF-16 (which such exports
//! never use) is refused, binary junk is refused as for any file. Each line is then decoded by itself: as
//! UTF-8 when it is valid UTF-8, else with chardetng's guess for that line, so one legacy-encoded record does
//! not garble the others. Line ends may be `\n` or `\r\n`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::records::{MAX_PROBLEMS_PER_FILE, jsonl_record};
use super::{Article, Problem, ReadError, decode};

/// The records of a JSON Lines file read as a stream, in file order: each item an article or the problem
/// with one line. At most [`MAX_PROBLEMS_PER_FILE`] problems are listed; the rest are counted in a last one.
pub struct JsonlStream<R> {
    reader: R,
    path: PathBuf,
    /// The file's id: a line without an `id` or `url` field gets `"{id}:{line}"`.
    id: String,
    limit_bytes: u64,
    line_number: usize,
    bytes_read: u64,
    problems_seen: usize,
    line: Vec<u8>,
    done: bool,
}

/// What [`JsonlStream::open`] reads from: the first bytes, already read to look at, then the rest of the file.
pub type FileReader = BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, File>>;

impl JsonlStream<FileReader> {
    /// Opens `path` for streaming, refusing it if its first bytes are binary or UTF-16.
    pub fn open(path: &Path, id: String, limit_bytes: u64) -> Result<Self, Problem> {
        let mut file = super::files::open_file(path).map_err(|err| Problem::of(path, err))?;
        let size_bytes = file.metadata().map_or(0, |m| m.len());
        let mut head = Vec::with_capacity(decode::SNIFF_BYTES);
        (&mut file)
            .take(decode::SNIFF_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|err| Problem::of(path, ReadError::Io(err.to_string())))?;
        let refuse = |error| Err(Problem::of(path, error));
        let only_utf8 = |name: &str| {
            ReadError::Malformed(format!(
                "a {name} JSON Lines file over the size limit (only UTF-8 ones are read a line at a time)"
            ))
        };
        let bom = match encoding_rs::Encoding::for_bom(&head) {
            Some((encoding, _)) if encoding != encoding_rs::UTF_8 => return refuse(only_utf8(encoding.name())),
            Some((_, bom_len)) => bom_len,
            None => 0,
        };
        let even = &head[..head.len() & !1];
        if bom == 0 && size_bytes.is_multiple_of(2) && decode::utf16_without_bom(even, even).is_some() {
            return refuse(only_utf8("UTF-16"));
        }
        if let Some(reason) = decode::binary_reason(&head[bom..]) {
            return refuse(ReadError::Binary(reason));
        }
        head.drain(..bom);
        let reader = BufReader::with_capacity(1 << 16, std::io::Cursor::new(head).chain(file));
        let mut stream = JsonlStream::new(reader, path, id, limit_bytes);
        // The mark is counted as read, so that progress reaches the file's size.
        stream.bytes_read = bom as u64;
        Ok(stream)
    }
}

impl<R: BufRead> JsonlStream<R> {
    pub fn new(reader: R, path: &Path, id: String, limit_bytes: u64) -> JsonlStream<R> {
        JsonlStream {
            reader,
            path: path.to_path_buf(),
            id,
            limit_bytes,
            line_number: 0,
            bytes_read: 0,
            problems_seen: 0,
            line: Vec::new(),
            done: false,
        }
    }

    /// Bytes of the file read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Reads the next line into `self.line` (without its line end) and returns its length in bytes, or
    /// `None` at the end of the file. A line longer than the limit is not kept: `self.line` is left empty.
    fn next_line(&mut self) -> std::io::Result<Option<u64>> {
        self.line.clear();
        let mut size_bytes = 0u64;
        let mut any = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            any = true;
            let (chunk, found) = match memchr_newline(available) {
                Some(end) => (&available[..end], true),
                None => (available, false),
            };
            size_bytes += chunk.len() as u64;
            if size_bytes <= self.limit_bytes {
                self.line.extend_from_slice(chunk);
            } else {
                // Over the limit: measured, never held.
                self.line = Vec::new();
            }
            let used = chunk.len() + usize::from(found);
            self.reader.consume(used);
            self.bytes_read += used as u64;
            if found {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if self.line.last() == Some(&b'\r') {
            self.line.pop();
            size_bytes -= 1;
        }
        Ok(Some(size_bytes))
    }

    /// The next article or problem, before the cap on listed problems.
    fn next_record(&mut self) -> Option<Result<Article, Problem>> {
        loop {
            let size_bytes = match self.next_line() {
                Ok(Some(size)) => size,
                Ok(None) => return None,
                Err(err) => {
                    self.done = true;
                    let error = ReadError::Io(err.to_string());
                    return Some(Err(Problem::at_line(&self.path, self.line_number + 1, error)));
                }
            };
            self.line_number += 1;
            if size_bytes > self.limit_bytes {
                let error = ReadError::TooLarge { size_bytes, limit_bytes: self.limit_bytes };
                return Some(Err(Problem::at_line(&self.path, self.line_number, error)));
            }
            if self.line.contains(&0) {
                let error = ReadError::Binary("contains NUL bytes");
                return Some(Err(Problem::at_line(&self.path, self.line_number, error)));
            }
            let text = match std::str::from_utf8(&self.line) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => decode::guess(&self.line).decode_without_bom_handling(&self.line).0,
            };
            if let Some(record) = jsonl_record(&text, &self.path, &self.id, self.line_number) {
                return Some(record);
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlStream<R> {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Some(Ok(article)) => return Some(Ok(article)),
                Some(Err(problem)) => {
                    self.problems_seen += 1;
                    if self.problems_seen <= MAX_PROBLEMS_PER_FILE {
                        return Some(Err(problem));
                    }
                }
                None => {
                    self.done = true;
                    if self.problems_seen > MAX_PROBLEMS_PER_FILE {
                        let more = self.problems_seen - MAX_PROBLEMS_PER_FILE;
                        let error = ReadError::Malformed(format!("and {more} more bad records, not listed"));
                        return Some(Err(Problem::of(&self.path, error)));
                    }
                }
            }
        }
        None
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

#[cfg(test)]
mod tests {
    use super::super::{ReadOptions, read_folder};

    #[test]
    fn a_jsonl_file_over_the_limit_loads_line_by_line_and_a_line_over_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("\u{feff}");
        for i in 0..300 {
            text.push_str(&format!("{{\"id\":\"a{i}\",\"text\":\"Delegates met in Geneva.\"}}\r\n"));
        }
        text.push_str(&format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "x".repeat(5000)));
        text.push_str("{\"id\":\"last\",\"text\":\"Talks in Astana.\"}\n");
        std::fs::write(dir.path().join("f.jsonl"), &text).unwrap();
        let (articles, problems) = read_folder(dir.path(), &ReadOptions { max_file_bytes: 4096 });
        assert_eq!(articles.len(), 301, "{problems:?}");
        assert_eq!(articles[0].id, "a0");
        assert_eq!(articles[300].id, "last");
        assert_eq!(articles[300].source.line, Some(302));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(301));
        assert!(problems[0].reason().starts_with("too large"), "{}", problems[0]);
    }
}
