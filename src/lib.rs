//! News Atlas: where and when the news happened.
//!
//! The engine reads a folder of articles ([`corpus`]), finds the places they mention and resolves them
//! against a bundled GeoNames gazetteer ([`gazetteer`], [`geoparse`]), finds the dates they mention and places
//! them on the calendar relative to each article's own date ([`timex`]), and joins the two into events that
//! can be queried by time window and place ([`index`]). [`language`] tells English articles from others, which
//! are read only for the names that are safe in any language. [`export`] writes what was found, and [`stored`]
//! reads and writes it as Parquet tables (a stored analysis, as a Spark job writes it), which open without
//! analysing anything again; [`app`] is the egui desktop app on top, and the only module that knows about egui.
//!
//! ```
//! use newsatlas::{gazetteer::Gazetteer, geoparse};
//!
//! let gazetteer = Gazetteer::bundled();
//! let found = geoparse::find_places("Talks resumed in Astana on Monday.", gazetteer);
//! let place = gazetteer.place(found[0].place);
//! assert_eq!((place.name.as_str(), place.country_code.as_str()), ("Astana", "KZ"));
//! ```

#[cfg(feature = "app")]
pub mod app;
pub mod atomic_write;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod gazetteer;
pub mod geoparse;
pub mod index;
pub mod language;
pub mod session;
pub mod stored;
pub mod synth;
pub mod timex;
