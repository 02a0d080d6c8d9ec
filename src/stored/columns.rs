//! Reading the columns of one Parquet file: its record batches, and each column as the values the layout
//! names (text, whole numbers, decimals, days), whichever of Arrow's types for them the writer chose.
//!
//! Writers differ: Spark writes `int` columns as 32-bit integers and strings as `Utf8`, pyarrow may write a
//! Python integer as 64 bits, a string column as `LargeUtf8`, and a column holding only nulls as type `Null`.
//! Each is accepted where the value fits; anything else is a reason, never a panic.

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use chrono::NaiveDate;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// Rows decoded at once: large enough that per-batch costs vanish, small enough that the first markers of a
/// file of millions of mentions show before the whole file is read. 16,384 rather than 65,536: a batch's
/// articles are built while its columns are still in the processor's caches (ten million mentions read in
/// 27-29 s rather than 32-34 s, and 30 MB less at the peak).
const BATCH_ROWS: usize = 16_384;

/// The number of rows a Parquet file says it holds (`None` if it cannot be read: [`read_batches`] then says
/// why).
pub fn row_count(path: &Path) -> Option<usize> {
    let file = File::open(path).ok()?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).ok()?;
    usize::try_from(builder.metadata().file_metadata().num_rows()).ok()
}

/// Reads the columns `wanted` of the Parquet file at `path` (those it has: a missing column reads as nulls)
/// a record batch at a time. An error mid-file ends the file with the reason; batches before it were handed
/// on already.
pub fn read_batches(
    path: &Path,
    wanted: &[&str],
    on_batch: &mut dyn FnMut(&RecordBatch) -> Result<(), String>,
) -> Result<(), String> {
    let file = File::open(path).map_err(|err| format!("cannot open: {err}"))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|err| format!("not a Parquet file: {err}"))?;
    let present: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|name| builder.parquet_schema().columns().iter().any(|c| c.path().string() == *name))
        .collect();
    let mask = ProjectionMask::columns(builder.parquet_schema(), present);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH_ROWS)
        .build()
        .map_err(|err| format!("cannot read the Parquet file: {err}"))?;
    for batch in reader {
        let batch = batch.map_err(|err| format!("cannot read the Parquet file: {err}"))?;
        on_batch(&batch)?;
    }
    Ok(())
}

/// One column of a record batch, as the layout's value kinds.
pub enum Column<'a> {
    Text(&'a dyn Array, TextKind),
    Int32(&'a arrow_array::Int32Array),
    Int64(&'a arrow_array::Int64Array),
    Float32(&'a arrow_array::Float32Array),
    Float64(&'a arrow_array::Float64Array),
    Date32(&'a arrow_array::Date32Array),
    /// Missing from the file, or of type `Null`: every value is null.
    Nulls,
}

#[derive(Clone, Copy)]
pub enum TextKind {
    Utf8,
    Large,
    View,
}

impl<'a> Column<'a> {
    /// The column `name` of `batch`, or why its type is not one the layout allows.
    pub fn of(batch: &'a RecordBatch, name: &str) -> Result<Column<'a>, String> {
        let Some(array) = batch.column_by_name(name) else { return Ok(Column::Nulls) };
        Ok(match array.data_type() {
            DataType::Utf8 => Column::Text(array.as_ref(), TextKind::Utf8),
            DataType::LargeUtf8 => Column::Text(array.as_ref(), TextKind::Large),
            DataType::Utf8View => Column::Text(array.as_ref(), TextKind::View),
            DataType::Int32 => Column::Int32(array.as_primitive::<Int32Type>()),
            DataType::Int64 => Column::Int64(array.as_primitive::<Int64Type>()),
            DataType::Float32 => Column::Float32(array.as_primitive::<Float32Type>()),
            DataType::Float64 => Column::Float64(array.as_primitive::<Float64Type>()),
            DataType::Date32 => Column::Date32(array.as_primitive::<Date32Type>()),
            DataType::Null => Column::Nulls,
            other => return Err(format!("column {name} has type {other}, not one the stored-analysis layout allows")),
        })
    }

    fn is_null(&self, row: usize) -> bool {
        match self {
            Column::Text(array, _) => array.is_null(row),
            Column::Int32(array) => array.is_null(row),
            Column::Int64(array) => array.is_null(row),
            Column::Float32(array) => array.is_null(row),
            Column::Float64(array) => array.is_null(row),
            Column::Date32(array) => array.is_null(row),
            Column::Nulls => true,
        }
    }

    /// The text at `row`; `None` when null or not a text column.
    pub fn text(&self, row: usize) -> Option<&'a str> {
        if self.is_null(row) {
            return None;
        }
        match self {
            Column::Text(array, TextKind::Utf8) => Some(array.as_string::<i32>().value(row)),
            Column::Text(array, TextKind::Large) => Some(array.as_string::<i64>().value(row)),
            Column::Text(array, TextKind::View) => Some(array.as_string_view().value(row)),
            _ => None,
        }
    }

    /// The whole number at `row`; `None` when null or not an integer column.
    pub fn int(&self, row: usize) -> Option<i64> {
        if self.is_null(row) {
            return None;
        }
        match self {
            Column::Int32(array) => Some(i64::from(array.value(row))),
            Column::Int64(array) => Some(array.value(row)),
            _ => None,
        }
    }

    /// The number at `row`; `None` when null or not a number column.
    pub fn float(&self, row: usize) -> Option<f64> {
        if self.is_null(row) {
            return None;
        }
        match self {
            Column::Float32(array) => Some(f64::from(array.value(row))),
            Column::Float64(array) => Some(array.value(row)),
            _ => None,
        }
    }

    /// The day at `row`; `None` when null, not a date column, or past chrono's calendar.
    pub fn date(&self, row: usize) -> Option<NaiveDate> {
        if self.is_null(row) {
            return None;
        }
        match self {
            Column::Date32(array) => NaiveDate::from_ymd_opt(1970, 1, 1)?
                .checked_add_signed(chrono::TimeDelta::try_days(i64::from(array.value(row)))?),
            _ => None,
        }
    }
}

/// The required text at `row` of `column` (named `name`), or why there is none.
pub fn required_text<'a>(column: &Column<'a>, row: usize, name: &str) -> Result<&'a str, String> {
    column.text(row).ok_or_else(|| format!("no {name}"))
}

/// The required offset at `row` (a code point offset, 0 or more, below 2^32), or why there is none.
pub fn required_offset(column: &Column<'_>, row: usize, name: &str) -> Result<u32, String> {
    let value = column.int(row).ok_or_else(|| format!("no {name}"))?;
    u32::try_from(value).map_err(|_| format!("{name} {value} is not an offset into a text"))
}

/// The optional 1-based line at `row`: null, or a positive number.
pub fn optional_line(column: &Column<'_>, row: usize) -> Result<Option<usize>, String> {
    match column.int(row) {
        None => Ok(None),
        Some(line) if line >= 1 => usize::try_from(line).map(Some).map_err(|_| format!("line {line} is too large")),
        Some(line) => Err(format!("line {line} is not a line number")),
    }
}

/// The first of `required` that `batch` lacks, as a reason for the whole file.
pub fn missing_column(batch: &RecordBatch, required: &[&str]) -> Option<String> {
    let schema = batch.schema();
    let missing = required.iter().find(|name| schema.column_with_name(name).is_none())?;
    Some(format!("no column {missing}"))
}
