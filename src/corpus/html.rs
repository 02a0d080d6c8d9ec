//! Saved web pages: the article's main text without navigation, scripts, styles, ads and share buttons; its
//! headline; its publication date from meta tags or JSON-LD. Nothing is ever fetched: links, images and
//! scripts are only text to skip.
//!
//! The page is parsed with html5ever (through scraper), which repairs broken markup the way browsers do. The
//! main text comes from the element that holds the story (`itemprop="articleBody"`, else the `<article>`
//! holding most of the page's paragraph text, else `<main>`, else `<body>`), walked iteratively so deeply
//! nested junk cannot exhaust the stack.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::MetadataDate;

/// What a page yields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// Paragraphs separated by blank lines; the headline first.
    pub text: String,
    pub date: Option<MetadataDate>,
}

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select", "option",
    "textarea", "iframe", "object", "embed", "svg", "math", "canvas", "video", "audio", "map", "figure", "dialog",
    "menu",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "alertdialog", "search"];

/// Words in `class` and `id` attributes (split at spaces, `-` and `_`) that mark ads and page furniture.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "promoted",
    "share",
    "sharing",
    "social",
    "newsletter",
    "related",
    "recommended",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "subscribe",
    "subscription",
    "paywall",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "masthead",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "byline",
    "toolbar",
    "skip",
];

/// Elements that end a paragraph of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "caption",
    "figcaption",
    "address",
    "hr",
    "body",
    "center",
];

/// Meta tag names (`property`, `name` or `itemprop`, lower case) that carry the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dcterms.created",
    "dcterms.issued",
    "dc.date.issued",
    "dc.date",
    "date",
];

/// How deep a page's elements may nest. html5ever's scope checks walk the stack of open elements for each new
/// tag, so parsing costs tags x depth: 200,000 nested `<div>`s took 1 min 44 s. Tags deeper than this are
/// dropped before parsing ([`flatten_deep_nesting`]), their text kept, so any page parses in linear time. Real
/// pages stay far below a hundred levels.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never have content, and elements the parser closes by itself when the next one starts:
/// neither kind makes a page deeper when left unclosed.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    "caption", "html", "head", "body",
];

/// Elements whose content is text to the tokenizer: a `<` inside them starts no tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// The byte ranges of the tags nested deeper than `limit` (opening tags past the limit and the closing tags
/// that match them), by a quick scan that reads markup as html5ever's tokenizer does: comments, `<!...>`,
/// `<?...>`, the content of scripts and styles, quoted attribute values and a `<` that starts no tag are not
/// elements, and only `<svg>` and `<math>` content closes itself with `/>` (HTML ignores `<div/>`'s slash).
pub fn deep_tags(source: &str, limit: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = source.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut open_counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut dropped_counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut foreign_depth = 0usize;
    let mut deep = Vec::new();
    let find = |from: usize, needle: &str| source.get(from..).and_then(|rest| rest.find(needle)).map(|at| from + at);
    let mut i = 0;
    while let Some(at) = find(i, "<") {
        let start = at;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            i = find(at + 4, "-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.first().is_some_and(|b| matches!(b, b'!' | b'?')) {
            i = find(at + 1, ">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `a < b`, `<3`, `</ >`: text (or a bogus comment the tokenizer skips to `>`).
            i = if closing { find(name_start, ">").map_or(bytes.len(), |end| end + 1) } else { at + 1 };
            continue;
        }
        let name_len =
            bytes[name_start..].iter().take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>')).count();
        let name = source[name_start..name_start + name_len].to_ascii_lowercase();
        // The tag runs to the first `>` outside a quoted attribute value.
        let (mut j, mut quote, mut after_equals) = (name_start + name_len, None, false);
        while j < bytes.len() {
            let b = bytes[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'>' => break,
                None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
                None => {}
            }
            if quote.is_none() && !b.is_ascii_whitespace() {
                after_equals = b == b'=';
            }
            j += 1;
        }
        let tag_end = (j + 1).min(bytes.len());
        i = tag_end;
        let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
        if closing {
            if let Some(count) = dropped_counts.get_mut(&name).filter(|c| **c > 0) {
                *count -= 1;
                deep.push(start..tag_end);
            } else if open_counts.get(&name).is_some_and(|c| *c > 0) {
                // Closes the innermost element of that name and every element opened inside it.
                while let Some(top) = open.pop() {
                    if let Some(count) = open_counts.get_mut(&top) {
                        *count -= 1;
                    }
                    if matches!(top.as_str(), "svg" | "math") {
                        foreign_depth -= 1;
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        if NOT_NESTING.contains(&name.as_str()) || (self_closing && foreign_depth > 0) {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content is text up to its own closing tag, which closes it: no depth, no tags inside.
            i = closing_tag_of(bytes, i, name.as_bytes());
            continue;
        }
        if open.len() >= limit {
            *dropped_counts.entry(name).or_default() += 1;
            deep.push(start..tag_end);
            continue;
        }
        if matches!(name.as_str(), "svg" | "math") {
            foreign_depth += 1;
        }
        *open_counts.entry(name.clone()).or_default() += 1;
        open.push(name);
    }
    deep
}

/// Where the closing tag `</name` (any case) starts at or after `from`, else the end.
fn closing_tag_of(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(offset) = bytes[at..].windows(2).position(|w| w == b"</") {
        let name_start = at + offset + 2;
        if bytes.get(name_start..name_start + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return at + offset;
        }
        at = name_start;
    }
    bytes.len()
}

/// Whether a page's tags nest deeper than `limit` (see [`deep_tags`]).
#[cfg(test)]
pub fn nests_deeper_than(source: &str, limit: usize) -> bool {
    !deep_tags(source, limit).is_empty()
}

/// `source` without the tags nested deeper than `limit` ([`deep_tags`]): their text stays, at the deepest
/// level kept. Borrowed when nothing is that deep.
pub fn flatten_deep_nesting(source: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let deep = deep_tags(source, limit);
    if deep.is_empty() {
        return source.into();
    }
    let mut flat = String::with_capacity(source.len());
    let mut from = 0;
    for tag in deep {
        flat.push_str(&source[from..tag.start]);
        from = tag.end;
    }
    flat.push_str(&source[from..]);
    flat.into()
}

/// Reads a page's title, main text and publication date. Never fails: a page without text gives empty text.
pub fn read_html(source: &str) -> HtmlArticle {
    let source = flatten_deep_nesting(source, MAX_HTML_DEPTH);
    let document = Html::parse_document(&source);
    let meta = page_metadata(&document);
    let root = main_container(&document);
    let first_h1 = root.and_then(first_heading).or_else(|| first_heading(document.tree.root()));
    let title = first_h1.or(meta.json_ld_headline).or(meta.og_title).or(meta.title_element);
    let mut text = root.map(main_text).unwrap_or_default();
    if let Some(title) = &title {
        // The headline names the story's places as often as the body does; keep it in the text.
        let head: String = text.chars().take(400).collect();
        if !head.contains(title.as_str()) {
            text = if text.is_empty() { title.clone() } else { format!("{title}\n\n{text}") };
        }
    }
    HtmlArticle { title, text, date: meta.date }
}

#[derive(Default)]
struct PageMetadata {
    title_element: Option<String>,
    og_title: Option<String>,
    json_ld_headline: Option<String>,
    /// (rank in [`DATE_META`], value, field label); JSON-LD ranks before every meta tag.
    date: Option<MetadataDate>,
}

fn page_metadata(document: &Html) -> PageMetadata {
    let mut meta = PageMetadata::default();
    let mut best_date: Option<(usize, MetadataDate)> = None;
    let mut offer = |rank: usize, value: &str, field: String| {
        let value = value.trim();
        if !value.is_empty() && best_date.as_ref().is_none_or(|(best, _)| rank < *best) {
            best_date = Some((rank, MetadataDate { value: value.to_owned(), field }));
        }
    };
    for node in document.tree.root().descendants() {
        let Node::Element(element) = node.value() else { continue };
        match element.name() {
            "title" if meta.title_element.is_none() => meta.title_element = clean_line(&node_text(node)),
            "meta" => {
                let key = ["property", "name", "itemprop"].iter().find_map(|a| element.attr(a)).unwrap_or("");
                let key = key.trim().to_ascii_lowercase();
                let Some(content) = element.attr("content") else { continue };
                if matches!(key.as_str(), "og:title" | "twitter:title") && meta.og_title.is_none() {
                    meta.og_title = clean_line(content);
                } else if let Some(rank) = DATE_META.iter().position(|k| *k == key) {
                    offer(rank + 1, content, format!("html meta {key}"));
                }
            }
            "time" => {
                let Some(datetime) = element.attr("datetime") else { continue };
                if element.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datepublished")) {
                    offer(DATE_META.len() + 1, datetime, "html time datePublished".to_owned());
                } else if element.attr("pubdate").is_some() {
                    offer(DATE_META.len() + 2, datetime, "html time pubdate".to_owned());
                }
            }
            "script" if element.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(&node_text(node)) else { continue };
                let (headline, date) = json_ld_article(&value);
                if meta.json_ld_headline.is_none() {
                    meta.json_ld_headline = headline.as_deref().and_then(clean_line);
                }
                if let Some(date) = date {
                    offer(0, &date, "json-ld datePublished".to_owned());
                }
            }
            _ => {}
        }
    }
    meta.date = best_date.map(|(_, date)| date);
    meta
}

/// The headline and `datePublished` of the JSON-LD object that describes an article, searched without
/// recursion. Objects typed as articles win over other objects that happen to carry a date.
fn json_ld_article(value: &serde_json::Value) -> (Option<String>, Option<String>) {
    let mut best: Option<(bool, Option<String>, String)> = None;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(object) => {
                if let Some(date) = object.get("datePublished").and_then(|d| d.as_str()) {
                    let is_article = object.get("@type").is_some_and(|t| {
                        let names = t.as_array().map_or_else(|| vec![t], |a| a.iter().collect());
                        names.iter().filter_map(|n| n.as_str()).any(|n| n.ends_with("Article") || n == "BlogPosting")
                    });
                    if best.as_ref().is_none_or(|(best_is_article, ..)| is_article && !best_is_article) {
                        let headline = object.get("headline").and_then(|h| h.as_str()).map(str::to_owned);
                        best = Some((is_article, headline, date.to_owned()));
                    }
                }
                stack.extend(object.values());
            }
            _ => {}
        }
    }
    best.map_or((None, None), |(_, headline, date)| (headline, Some(date)))
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(element) => Some(element.name()),
        _ => None,
    }
}

/// All text under a node, concatenated (for `<title>`, `<script>` and scoring).
fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(text) => Some(&**text),
            _ => None,
        })
        .collect()
}

/// Whitespace collapsed and trimmed; `None` when nothing is left.
fn clean_line(text: &str) -> Option<String> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then(|| line.chars().take(300).collect())
}

fn first_heading(root: NodeRef<'_, Node>) -> Option<String> {
    root.descendants().filter(|n| element_name(n) == Some("h1")).find_map(|n| clean_line(&node_text(n)))
}

/// The element holding the story, as described in the module documentation.
fn main_container(document: &Html) -> Option<NodeRef<'_, Node>> {
    let root = document.tree.root();
    let elements = || root.descendants().filter(|n| matches!(n.value(), Node::Element(_)));
    let article_body = elements().find(|n| {
        matches!(n.value(), Node::Element(e) if e.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articlebody")))
    });
    if article_body.is_some() {
        return article_body;
    }
    // Paragraph text per <article>: a page of teasers has many small articles, a story page one big one.
    let total = paragraph_chars(root);
    let best_article = elements()
        .filter(|n| element_name(n) == Some("article"))
        .map(|n| (paragraph_chars(n), n))
        .max_by_key(|(chars, _)| *chars);
    if let Some((chars, article)) = best_article
        && chars > 0
        && chars * 5 >= total * 2
    {
        return Some(article);
    }
    elements()
        .find(|n| element_name(n) == Some("main"))
        .or_else(|| elements().find(|n| element_name(n) == Some("body")))
        .or(Some(root))
}

/// Bytes of text in the `<p>` elements under a node.
fn paragraph_chars(node: NodeRef<'_, Node>) -> usize {
    node.descendants().filter(|n| element_name(n) == Some("p")).map(|p| node_text(p).trim().len()).sum()
}

/// Whether to leave out a node and everything under it. `root_paragraph_chars` guards the class-word rule:
/// a wrapper named `page--with-sidebar` that holds most of the story is not furniture.
fn is_skipped(node: &NodeRef<'_, Node>, inside_article: bool, root_paragraph_chars: usize) -> bool {
    let Node::Element(element) = node.value() else {
        return matches!(node.value(), Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_));
    };
    let name = element.name();
    if SKIPPED_ELEMENTS.contains(&name) || (name == "header" && !inside_article) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if element.attr("style").is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none")) {
        return true;
    }
    if element.attr("role").is_some_and(|r| SKIPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str())) {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let words = element.attr("class").into_iter().chain(element.attr("id"));
    let boilerplate = words.flat_map(|w| w.split(|c: char| c.is_whitespace() || c == '-' || c == '_')).any(|word| {
        let word = word.to_ascii_lowercase();
        BOILERPLATE_WORDS.contains(&word.as_str())
    });
    boilerplate && paragraph_chars(*node) * 2 <= root_paragraph_chars
}

/// Collects paragraphs of text, dropping link lists (menus, tag clouds, "read more" blocks).
#[derive(Default)]
struct TextBuilder {
    out: String,
    block: String,
    block_link_chars: usize,
    link_depth: usize,
    pre_depth: usize,
}

impl TextBuilder {
    fn push_text(&mut self, text: &str) {
        let before = self.block.len();
        if self.pre_depth > 0 {
            self.block.push_str(text);
        } else {
            for (i, word) in text.split_whitespace().enumerate() {
                let needs_space = i > 0 || text.starts_with(char::is_whitespace);
                if needs_space && !self.block.is_empty() && !self.block.ends_with([' ', '\n']) {
                    self.block.push(' ');
                }
                self.block.push_str(word);
            }
            if text.ends_with(char::is_whitespace) && !self.block.is_empty() && !self.block.ends_with([' ', '\n']) {
                self.block.push(' ');
            }
        }
        if self.link_depth > 0 {
            self.block_link_chars += self.block.len() - before;
        }
    }

    fn line_break(&mut self) {
        while self.block.ends_with(' ') {
            self.block.pop();
        }
        self.block.push('\n');
    }

    fn end_block(&mut self) {
        let block = self.block.trim();
        let words = block.split_whitespace().count();
        // Mostly links and short: navigation, not prose. A paragraph that links a few names stays.
        let link_list = self.block_link_chars * 2 > block.len() && words < 15;
        if !block.is_empty() && !link_list {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            self.out.push_str(&lines.join("\n"));
        }
        self.block.clear();
        self.block_link_chars = 0;
    }
}

fn main_text(root: NodeRef<'_, Node>) -> String {
    let mut builder = TextBuilder::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut article_depth = root.ancestors().filter(|n| element_name(n) == Some("article")).count();
    let root_paragraph_chars = paragraph_chars(root);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if node.id() != root.id() && is_skipped(&node, article_depth > 0, root_paragraph_chars) {
                    skipping = Some(node.id());
                    continue;
                }
                match node.value() {
                    Node::Text(text) => builder.push_text(text),
                    Node::Element(element) => match element.name() {
                        "br" => builder.line_break(),
                        "a" => builder.link_depth += 1,
                        "pre" => {
                            builder.end_block();
                            builder.pre_depth += 1;
                        }
                        "article" => {
                            builder.end_block();
                            article_depth += 1;
                        }
                        "td" | "th" => builder.push_text(" "),
                        name if BLOCK_ELEMENTS.contains(&name) => builder.end_block(),
                        _ => {}
                    },
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    match element.name() {
                        "a" => builder.link_depth = builder.link_depth.saturating_sub(1),
                        "pre" => {
                            builder.end_block();
                            builder.pre_depth = builder.pre_depth.saturating_sub(1);
                        }
                        "article" => {
                            builder.end_block();
                            article_depth = article_depth.saturating_sub(1);
                        }
                        name if BLOCK_ELEMENTS.contains(&name) => builder.end_block(),
                        _ => {}
                    }
                }
            }
        }
    }
    builder.end_block();
    builder.out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
  <meta charset="utf-8">
  <title>Bridge reopens in Mostar | The Daily Example</title>
  <meta property="og:title" content="Bridge reopens in Mostar">
  <meta property="article:published_time" content="2024-05-06T09:30:00+02:00">
  <style>body { color: red }</style>
  <script>var tracking = "Paris London Tokyo";</script>
</head>
<body>
  <header class="site-header"><a href="/">The Daily Example</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  </header>
  <div class="ad-slot">Buy shoes in Milan today!</div>
  <main>
    <article class="story">
      <header><h1>Bridge reopens   in Mostar</h1><p class="byline">By A. Writer</p></header>
      <p>The old bridge in <a href="/tags/mostar">Mostar</a> reopened on Monday after repairs.</p>
      <figure><img src="bridge.jpg"><figcaption>Photo: agency</figcaption></figure>
      <p>Crowds gathered on both banks of the Neretva.<br>Divers jumped at noon.</p>
      <div class="share-buttons"><a href="#">Share on social media</a></div>
      <ul class="related"><li><a href="/x">Floods hit Sarajevo</a></li></ul>
    </article>
  </main>
  <aside>Most read: Zagreb derby</aside>
  <footer>© The Daily Example, Belgrade office</footer>
</body></html>"##;

    #[test]
    fn story_page_main_text_title_and_date() {
        let page = read_html(STORY_PAGE);
        assert_eq!(page.title.as_deref(), Some("Bridge reopens in Mostar"));
        assert_eq!(
            page.text,
            "Bridge reopens in Mostar\n\nThe old bridge in Mostar reopened on Monday after repairs.\n\n\
             Crowds gathered on both banks of the Neretva.\nDivers jumped at noon."
        );
        let date = page.date.unwrap();
        assert_eq!(
            (date.value.as_str(), date.field.as_str()),
            ("2024-05-06T09:30:00+02:00", "html meta article:published_time")
        );
    }

    #[test]
    fn publication_date_sources_in_order_of_trust() {
        // (head and body markup, expected value, expected field)
        let cases = [
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
                    {"@type":"WebPage","datePublished":"2001-01-01"},
                    {"@type":"NewsArticle","headline":"H","datePublished":"2022-02-24T05:00:00Z"}]}</script>
                   <meta property="article:published_time" content="2022-02-25">"#,
                "2022-02-24T05:00:00Z",
                "json-ld datePublished",
            ),
            (r#"<meta itemprop="datePublished" content="2019-11-09">"#, "2019-11-09", "html meta datepublished"),
            (r#"<meta name="DC.date.issued" content="1989-11-09">"#, "1989-11-09", "html meta dc.date.issued"),
            (
                r#"<meta name="date" content="2000-01-01"><p><time itemprop="datePublished" datetime="2010-04-14">April 14</time></p>"#,
                "2000-01-01",
                "html meta date",
            ),
            (
                r#"<p><time itemprop="datePublished" datetime="2010-04-14">April 14</time></p>"#,
                "2010-04-14",
                "html time datePublished",
            ),
            (r#"<script type="application/ld+json">{not json</script><p>x</p>"#, "", ""),
        ];
        for (markup, value, field) in cases {
            let page = read_html(&format!("<html><head></head><body>{markup}<p>Body text.</p></body></html>"));
            let found = page.date.map(|d| (d.value, d.field)).unwrap_or_default();
            assert_eq!((found.0.as_str(), found.1.as_str()), (value, field), "{markup}");
        }
    }

    #[test]
    fn teaser_pages_and_bare_pages() {
        // No <article> holds most of the text: the body is used, menus and link lists dropped.
        let bare = "<p>Home | News | Sport</p><ul><li><a href=a>One</a></li><li><a href=b>Two</a></li></ul>\
                    <div>Officials in Accra said the new rail line would open next year.</div>\
                    <table><tr><td>Kumasi</td><td>120 km</td></tr></table>";
        let page = read_html(bare);
        assert_eq!(page.title, None);
        assert_eq!(
            page.text,
            "Home | News | Sport\n\nOfficials in Accra said the new rail line would open next year.\n\nKumasi 120 km"
        );
        let teasers = "<title>Front page</title><article><p>Short teaser about Lima.</p></article>\
                       <article><p>Short teaser about Quito.</p></article><article><p>Another about Cusco.</p></article>";
        let page = read_html(teasers);
        assert_eq!(page.title.as_deref(), Some("Front page"));
        assert!(
            page.text.contains("Lima") && page.text.contains("Quito") && page.text.contains("Cusco"),
            "{}",
            page.text
        );
    }

    #[test]
    fn a_wrapper_with_a_furniture_word_in_its_class_is_kept_when_it_holds_the_story() {
        let page = read_html(
            "<body><div class=\"layout with-sidebar\"><p>Engineers inspected the dam above Mosul on Friday \
             and found new cracks in the spillway.</p></div><div class=\"sidebar\"><p>Weather in Erbil</p></div></body>",
        );
        assert_eq!(
            page.text,
            "Engineers inspected the dam above Mosul on Friday and found new cracks in the spillway."
        );
    }

    #[test]
    fn pre_keeps_its_lines_and_hidden_text_is_dropped() {
        let page = read_html(
            "<body><p hidden>secret</p><div style=\"display: none\">gone</div><pre>line one\n  line two</pre>\
             <p aria-hidden=\"true\">icon</p><p>Visible &amp; kept</p></body>",
        );
        assert_eq!(page.text, "line one\nline two\n\nVisible & kept");
    }

    #[test]
    fn nesting_depth_scan() {
        let cases = [
            ("<div><div></div></div>", 2, false),
            ("<div><div><div></div></div></div>", 2, true),
            ("<p>one<p>two<p>three<br><img src=x><li>four", 1, false),
            // HTML ignores the slash of `<div/>`: three nested divs. Only SVG and MathML close with `/>`.
            ("<div/><div/><div/>", 2, true),
            ("<svg><path/><path/><path/></svg>", 1, false),
            // Regression (issue 18): comments, `<!doctype>`, scripts and `<` in text are not elements.
            ("<!doctype html><!-- a --><!-- b --><!-- <div> -->", 0, false),
            ("<script>if (a<b && c<d) x = '<div>';</script><style>p<q</style>", 0, false),
            ("<p title=\"a>b<i>\">x</p>", 0, false),
            ("</ >a<b a<b a<b c>", 1, false),
            ("<b>x</i></b><b>y</b>", 1, false),
            ("<DIV><Span>x</span></DIV>", 1, true),
            ("a < b and c <3 d", 0, false),
            ("<", 0, false),
        ];
        for (markup, limit, deeper) in cases {
            assert_eq!(nests_deeper_than(markup, limit), deeper, "{markup}");
        }
        let nested = format!("{}x{}", "<div>".repeat(MAX_HTML_DEPTH + 1), "</div>".repeat(MAX_HTML_DEPTH + 1));
        assert!(nests_deeper_than(&nested, MAX_HTML_DEPTH));
        let script = format!("<script>{}</SCRIPT><div><div>x", "a<b ".repeat(5000));
        assert_eq!(deep_tags(&script, 1), vec![script.len() - 6..script.len() - 1]);
    }

    /// Regression (issue 18): a good page with 5,000 comments, or 5,000 `a<b` in a script and in text, was
    /// refused as "nested more than 4000 levels".
    #[test]
    fn comments_scripts_and_less_than_signs_do_not_count_as_nesting() {
        let story = "<h1>Talks in Rabat</h1><p>Delegates met in Rabat.</p>";
        for filler in ["<!-- -->".repeat(5000), format!("<script>{}</script>", "a<b ".repeat(5000))] {
            let page = format!("<html><body><article>{story}{filler}</article></body></html>");
            assert!(deep_tags(&page, MAX_HTML_DEPTH).is_empty());
            assert_eq!(read_html(&page).text, "Talks in Rabat\n\nDelegates met in Rabat.");
        }
        let page = format!("<html><body><article>{story}<p>{}</p></article></body></html>", "1 a<b ".repeat(5000));
        assert!(deep_tags(&page, MAX_HTML_DEPTH).is_empty());
        assert!(read_html(&page).text.contains("Delegates met in Rabat."));
    }

    /// Regression (issue 18): 200,000 `<div/>` (each opens a div: HTML ignores the slash) passed the nesting
    /// check and took the parser 1 min 44 s. The tags past [`MAX_HTML_DEPTH`] are dropped and the text kept.
    #[test]
    fn tags_nested_past_the_limit_are_dropped_and_their_text_kept() {
        let page = format!(
            "<html><body><article><h1>Talks in Rabat</h1><p>Delegates met in Rabat.</p>{}x</article></body></html>",
            "<div/>".repeat(200_000)
        );
        // `<html>` and `<body>` do not count as levels (the parser puts them in place whatever the markup);
        // `<article>` is the first level, so 511 `<div>`s fit and the rest are dropped.
        assert_eq!(deep_tags(&page, MAX_HTML_DEPTH).len(), 200_000 - (MAX_HTML_DEPTH - 1));
        assert_eq!(read_html(&page).text, "Talks in Rabat\n\nDelegates met in Rabat.\n\nx");
        let depth = MAX_HTML_DEPTH * 3;
        let nested = format!("{}Deep text in Oslo.{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(read_html(&format!("{nested}<p>After.</p>")).text, "Deep text in Oslo.\n\nAfter.");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = MAX_HTML_DEPTH;
        let page = read_html(&format!("{}Deep text in Oslo.{}", "<div>".repeat(depth), "</div>".repeat(depth)));
        assert_eq!(page.text, "Deep text in Oslo.");
    }
}
