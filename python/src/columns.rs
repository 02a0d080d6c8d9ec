//! Arrow columns built in Rust and handed to pyarrow as buffers (`pyarrow.Array.from_buffers`): a batch of
//! a million mentions becomes a few dozen `bytes` objects, not a Python object per value.
//!
//! Only the layouts the stored analysis uses (docs/stored-analysis.md): `utf8` (32-bit offsets), `int32`,
//! `int64`, `float32`, `float64` and `date32`, each with a validity bitmap when it holds a null. The layouts
//! are Arrow's columnar format, which is stable: <https://arrow.apache.org/docs/format/Columnar.html>.

use chrono::NaiveDate;

/// Validity bits, least significant bit first, as Arrow lays them out.
#[derive(Debug, Default)]
struct Validity {
    bits: Vec<u8>,
    len: usize,
    nulls: usize,
}

impl Validity {
    fn push(&mut self, valid: bool) {
        if self.len.is_multiple_of(8) {
            self.bits.push(0);
        }
        if valid {
            self.bits[self.len / 8] |= 1 << (self.len % 8);
        } else {
            self.nulls += 1;
        }
        self.len += 1;
    }
}

/// What pyarrow needs to build one column: its Arrow type name and buffers.
#[derive(Debug)]
pub struct ColumnBuffers {
    pub name: &'static str,
    /// `utf8`, `int32`, `int64`, `float32`, `float64` or `date32`.
    pub arrow_type: &'static str,
    pub len: usize,
    pub null_count: usize,
    /// `None` when no value is null.
    pub validity: Option<Vec<u8>>,
    /// For `utf8`, the 32-bit offsets of each value in `values`; else `None`.
    pub offsets: Option<Vec<u8>>,
    pub values: Vec<u8>,
}

/// A column of strings, each `Some` or null.
#[derive(Debug)]
pub struct Utf8 {
    name: &'static str,
    offsets: Vec<i32>,
    values: Vec<u8>,
    validity: Validity,
}

/// The text of a batch overflowed 32-bit offsets (2 GiB of strings in one column).
#[derive(Debug)]
pub struct TooLarge(pub &'static str);

impl Utf8 {
    pub fn new(name: &'static str) -> Utf8 {
        Utf8 { name, offsets: vec![0], values: Vec::new(), validity: Validity::default() }
    }

    pub fn push(&mut self, value: &str) {
        self.push_option(Some(value));
    }

    pub fn push_option(&mut self, value: Option<&str>) {
        if let Some(value) = value {
            self.values.extend_from_slice(value.as_bytes());
        }
        // A column past 2 GiB is caught in `finish`; until then the offset saturates rather than wraps.
        self.offsets.push(i32::try_from(self.values.len()).unwrap_or(i32::MAX));
        self.validity.push(value.is_some());
    }

    pub fn finish(self) -> Result<ColumnBuffers, TooLarge> {
        if i32::try_from(self.values.len()).is_err() {
            return Err(TooLarge(self.name));
        }
        Ok(ColumnBuffers {
            name: self.name,
            arrow_type: "utf8",
            len: self.validity.len,
            null_count: self.validity.nulls,
            validity: (self.validity.nulls > 0).then_some(self.validity.bits),
            offsets: Some(self.offsets.iter().flat_map(|o| o.to_le_bytes()).collect()),
            values: self.values,
        })
    }
}

/// A fixed-width primitive value as Arrow stores it, little-endian.
pub trait Primitive: Copy + Default {
    const ARROW_TYPE: &'static str;
    fn extend_le(self, out: &mut Vec<u8>);
}

macro_rules! primitive {
    ($type:ty, $name:literal) => {
        impl Primitive for $type {
            const ARROW_TYPE: &'static str = $name;
            fn extend_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    };
}

primitive!(i32, "int32");
primitive!(i64, "int64");
primitive!(f32, "float32");
primitive!(f64, "float64");

/// A column of fixed-width values, each `Some` or null.
#[derive(Debug)]
pub struct Fixed<T> {
    name: &'static str,
    arrow_type: &'static str,
    values: Vec<u8>,
    validity: Validity,
    _type: std::marker::PhantomData<T>,
}

impl<T: Primitive> Fixed<T> {
    pub fn new(name: &'static str) -> Fixed<T> {
        Fixed::with_type(name, T::ARROW_TYPE)
    }

    fn with_type(name: &'static str, arrow_type: &'static str) -> Fixed<T> {
        Fixed { name, arrow_type, values: Vec::new(), validity: Validity::default(), _type: std::marker::PhantomData }
    }

    pub fn push(&mut self, value: T) {
        self.push_option(Some(value));
    }

    pub fn push_option(&mut self, value: Option<T>) {
        value.unwrap_or_default().extend_le(&mut self.values);
        self.validity.push(value.is_some());
    }

    pub fn finish(self) -> ColumnBuffers {
        ColumnBuffers {
            name: self.name,
            arrow_type: self.arrow_type,
            len: self.validity.len,
            null_count: self.validity.nulls,
            validity: (self.validity.nulls > 0).then_some(self.validity.bits),
            offsets: None,
            values: self.values,
        }
    }
}

/// Days since 1970-01-01, Arrow's `date32`.
pub fn date32(name: &'static str) -> Fixed<i32> {
    Fixed::with_type(name, "date32")
}

/// `date` as Arrow's `date32` value.
pub fn days_since_epoch(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    // Every date the engine reads lies within a few thousand years of the epoch.
    i32::try_from((date - epoch).num_days()).unwrap_or(i32::MIN)
}

/// A count or offset as an Arrow `int32`: texts are at most 2 GiB ([`newsatlas::corpus::MAX_FILE_BYTES_LIMIT`]).
pub fn int32(value: usize) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_with_nulls_lay_out_as_arrow_does() {
        let mut column = Utf8::new("s");
        column.push("ab");
        column.push_option(None);
        column.push("é");
        let buffers = column.finish().unwrap();
        assert_eq!((buffers.len, buffers.null_count), (3, 1));
        assert_eq!(buffers.validity, Some(vec![0b101]));
        let offsets: Vec<i32> =
            buffers.offsets.unwrap().chunks(4).map(|c| i32::from_le_bytes(c.try_into().unwrap())).collect();
        assert_eq!(offsets, [0, 2, 2, 4]);
        assert_eq!(buffers.values, "abé".as_bytes());
    }

    #[test]
    fn dates_count_days_from_1970() {
        let day = |y, m, d| days_since_epoch(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!((day(1970, 1, 1), day(1970, 1, 2), day(1969, 12, 31), day(2017, 1, 13)), (0, 1, -1, 17179));
    }
}
