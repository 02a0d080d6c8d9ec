//! The world basemap (Natural Earth land, country borders and first-level division lines), decoded once and
//! kept in projected units.
//!
//! The assets are written by `tools/build-assets`: land polygons (outer ring then holes) and border lines as
//! little-endian f32 longitude/latitude pairs. Land is triangulated here, once, so each frame only moves
//! vertices instead of tessellating polygons. The division lines (states, provinces), drawn only when the map
//! is zoomed in, are decoded the first time they are drawn.

use std::io::Read;
use std::sync::OnceLock;

const BUNDLED_BASEMAP_GZ: &[u8] = include_bytes!("../../assets/basemap.bin.gz");
const BUNDLED_ADMIN1_GZ: &[u8] = include_bytes!("../../assets/admin1-lines.bin.gz");

/// Web Mercator is cut here, as web maps do, so the poles do not stretch to infinity.
pub const MAX_LAT_DEG: f64 = 85.05112878;

/// Longitude/latitude in degrees to Web Mercator in a unit square: x and y in [0, 1], y growing southwards.
pub fn project(lon_deg: f64, lat_deg: f64) -> [f64; 2] {
    let lat = lat_deg.clamp(-MAX_LAT_DEG, MAX_LAT_DEG).to_radians();
    let x = (lon_deg + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// The inverse of [`project`]: unit-square Web Mercator to longitude/latitude in degrees.
pub fn unproject(point: [f64; 2]) -> (f64, f64) {
    let lon = point[0] * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * point[1])).sinh().atan().to_degrees();
    (lon, lat)
}

/// Projected basemap geometry, ready to draw.
#[derive(Debug, Default)]
pub struct Basemap {
    /// Land triangles: vertices in projected units and indices, three per triangle.
    pub land_vertices: Vec<[f32; 2]>,
    pub land_indices: Vec<u32>,
    /// Coastlines (land ring outlines) and country borders, as projected polylines.
    pub coastlines: Vec<Vec<[f32; 2]>>,
    pub borders: Vec<Vec<[f32; 2]>>,
    admin1: OnceLock<DivisionLines>,
}

/// The lines between first-level divisions (states, provinces), projected, each with its bounding box so
/// a zoomed-in frame skips the lines out of view without projecting them.
#[derive(Debug, Default)]
pub struct DivisionLines {
    pub lines: Vec<Vec<[f32; 2]>>,
    /// Smallest and largest projected x and y of each line.
    pub bounds: Vec<([f32; 2], [f32; 2])>,
}

impl DivisionLines {
    pub fn from_gz(bytes: &[u8]) -> Result<DivisionLines, BasemapError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
        let mut reader = Reader { bytes: &raw, pos: 0 };
        if reader.take(8)? != b"NAA1\x01\x00\x00\x00" {
            return Err(BasemapError::Format);
        }
        let mut lines = Vec::new();
        for _ in 0..reader.u32()? {
            lines.extend(split_at_antimeridian(&reader.line()?));
        }
        let bounds = lines
            .iter()
            .map(|line| {
                line.iter().fold(([f32::MAX; 2], [f32::MIN; 2]), |(lo, hi), p| {
                    ([lo[0].min(p[0]), lo[1].min(p[1])], [hi[0].max(p[0]), hi[1].max(p[1])])
                })
            })
            .collect();
        Ok(DivisionLines { lines, bounds })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    #[error("cannot decompress the basemap: {0}")]
    Io(#[from] std::io::Error),
    #[error("the basemap is truncated or not in the expected format")]
    Format,
}

impl Basemap {
    /// The basemap compiled into the binary, decoded on first use.
    pub fn bundled() -> &'static Basemap {
        static BUNDLED: OnceLock<Basemap> = OnceLock::new();
        BUNDLED.get_or_init(|| Basemap::from_gz(BUNDLED_BASEMAP_GZ).unwrap_or_default())
    }

    /// The bundled first-level division lines, decoded the first time they are asked for (none if the
    /// asset cannot be read, which a test checks it can).
    pub fn admin1(&self) -> &DivisionLines {
        self.admin1.get_or_init(|| DivisionLines::from_gz(BUNDLED_ADMIN1_GZ).unwrap_or_default())
    }

    pub fn from_gz(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
        Basemap::from_bytes(&raw)
    }

    pub fn from_bytes(raw: &[u8]) -> Result<Basemap, BasemapError> {
        let mut reader = Reader { bytes: raw, pos: 0 };
        if reader.take(8)? != b"NABM\x01\x00\x00\x00" {
            return Err(BasemapError::Format);
        }
        let mut map = Basemap::default();
        for _ in 0..reader.u32()? {
            let rings: Vec<Vec<[f32; 2]>> = (0..reader.u32()?).map(|_| reader.line()).collect::<Result<_, _>>()?;
            map.add_polygon(&rings);
            map.coastlines.extend(rings.iter().flat_map(|ring| split_at_antimeridian(ring)));
        }
        for _ in 0..reader.u32()? {
            let line = reader.line()?;
            map.borders.extend(split_at_antimeridian(&line));
        }
        Ok(map)
    }

    fn add_polygon(&mut self, rings: &[Vec<[f32; 2]>]) {
        let mut flat: Vec<f64> = Vec::new();
        let mut holes = Vec::new();
        for (i, ring) in rings.iter().enumerate() {
            if i > 0 {
                holes.push(flat.len() / 2);
            }
            // Topology rings repeat their first point at the end; earcut wants it once.
            let open = if ring.len() > 1 && ring.first() == ring.last() { &ring[..ring.len() - 1] } else { ring };
            flat.extend(open.iter().flat_map(|p| [f64::from(p[0]), f64::from(p[1])]));
        }
        let Ok(triangles) = earcutr::earcut(&flat, &holes, 2) else {
            return;
        };
        let base = self.land_vertices.len() as u32;
        self.land_vertices.extend(flat.chunks_exact(2).map(|p| [p[0] as f32, p[1] as f32]));
        // Polygons cut at the 180th meridian have points on both edges of the map; a triangle joining them
        // would be a sliver across the whole world. Antarctica, which reaches the map's bottom edge, does span
        // it: its wide triangles are land.
        let around_the_pole = flat.chunks_exact(2).any(|p| p[1] >= 0.999);
        let spans_the_world = |t: &[usize]| {
            if around_the_pole {
                return false;
            }
            let xs = t.iter().map(|&i| flat[2 * i]);
            let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
            hi - lo > 0.5
        };
        for triangle in triangles.chunks_exact(3).filter(|t| !spans_the_world(t)) {
            self.land_indices.extend(triangle.iter().map(|&i| base + i as u32));
        }
    }
}

/// Splits a projected polyline where it jumps across the 180th meridian, so no stroke crosses the world.
fn split_at_antimeridian(line: &[[f32; 2]]) -> Vec<Vec<[f32; 2]>> {
    let mut parts = vec![Vec::new()];
    for (i, point) in line.iter().enumerate() {
        if i > 0 && (point[0] - line[i - 1][0]).abs() > 0.5 {
            parts.push(Vec::new());
        }
        if let Some(part) = parts.last_mut() {
            part.push(*point);
        }
    }
    parts.retain(|part| part.len() > 1);
    parts
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], BasemapError> {
        let slice = self.bytes.get(self.pos..self.pos + n).ok_or(BasemapError::Format)?;
        self.pos += n;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, BasemapError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, BasemapError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A polyline of lon/lat pairs, returned projected.
    fn line(&mut self) -> Result<Vec<[f32; 2]>, BasemapError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(8) > self.bytes.len() - self.pos {
            return Err(BasemapError::Format);
        }
        (0..n)
            .map(|_| {
                let (lon, lat) = (self.f32()?, self.f32()?);
                let [x, y] = project(f64::from(lon), f64::from(lat));
                Ok([x as f32, y as f32])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_round_trips() {
        for (lon, lat) in [(0.0, 0.0), (37.6, 55.75), (-122.4, 37.8), (179.9, -85.0), (-180.0, 60.0)] {
            let (lon2, lat2) = unproject(project(lon, lat));
            assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9, "{lon},{lat} -> {lon2},{lat2}");
        }
        assert_eq!(project(0.0, 0.0), [0.5, 0.5]);
        assert!(project(0.0, 60.0)[1] < 0.5, "north is up");
    }

    #[test]
    fn bundled_basemap_has_land_and_borders() {
        let map = Basemap::bundled();
        assert!(map.land_indices.len() > 10_000 && map.land_indices.len().is_multiple_of(3));
        assert!(map.land_indices.iter().all(|&i| (i as usize) < map.land_vertices.len()));
        assert!(map.borders.len() > 100);
    }

    #[test]
    fn bundled_division_lines_are_read_and_in_place() {
        let lines = DivisionLines::from_gz(BUNDLED_ADMIN1_GZ).unwrap();
        assert!(lines.lines.len() > 5_000, "{}", lines.lines.len());
        assert_eq!(lines.lines.len(), lines.bounds.len());
        // The Kansas-Nebraska line runs along 40 degrees north from about 95.3 to 102.05 west.
        let [x0, y] = project(-101.0, 40.0);
        let [x1, _] = project(-96.0, 40.0);
        let along_40n = |line: &Vec<[f32; 2]>| {
            line.iter().all(|p| (f64::from(p[1]) - y).abs() < 1e-4 && f64::from(p[0]) > x0 - 0.01)
                && line.iter().any(|p| f64::from(p[0]) < x0)
                && line.iter().any(|p| f64::from(p[0]) > x1)
        };
        assert!(lines.lines.iter().any(along_40n));
        assert!(DivisionLines::from_gz(b"not gzip").is_err());
        assert!(DivisionLines::from_gz(BUNDLED_BASEMAP_GZ).is_err(), "another asset's magic");
    }

    #[test]
    fn lines_are_split_where_they_wrap_around_the_world() {
        let line = [[0.99, 0.2], [0.999, 0.21], [0.001, 0.22], [0.01, 0.23]];
        assert_eq!(split_at_antimeridian(&line), [vec![[0.99, 0.2], [0.999, 0.21]], vec![[0.001, 0.22], [0.01, 0.23]]]);
        let map = Basemap::bundled();
        for line in map.borders.iter().chain(&map.coastlines) {
            assert!(line.windows(2).all(|w| (w[0][0] - w[1][0]).abs() <= 0.5));
        }
    }

    #[test]
    fn corrupt_input_is_an_error_not_a_panic() {
        assert!(Basemap::from_bytes(b"").is_err());
        assert!(Basemap::from_bytes(b"NABM\x01\x00\x00\x00\xff\xff\xff\xff").is_err());
        let mut huge_line = b"NABM\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00".to_vec();
        huge_line.extend(u32::MAX.to_le_bytes());
        assert!(Basemap::from_bytes(&huge_line).is_err());
        assert!(Basemap::from_gz(b"not gzip").is_err());
    }
}
