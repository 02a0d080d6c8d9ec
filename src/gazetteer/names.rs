//! The name index: every normalised key in one string arena, found through an open-addressing table of
//! `u32` slots, so the index holds no allocation per key and a look-up hashes the key once and compares
//! bytes only when the stored hash matches.
//!
//! The index is built in one pass over the spellings and one sort: each spelling's key is appended to a
//! scratch arena, the spellings are sorted by hash (equal keys side by side), and each run of equal keys becomes one entry
//! whose key is copied once into the final arena. A prefix of a key ("st" of "st petersburg") is a slice of
//! that key's bytes in the arena, so prefixes cost no text of their own.

use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::{NameEntry, PlaceId};

/// One key of the index: where its bytes are in the arena, and what the index knows about it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    entry: NameEntry,
}

/// Keys and their entries; see the module docs.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    arena: String,
    slots: Vec<Slot>,
    /// Open addressing with linear probing: 0 is empty, otherwise the slot's index + 1 in the low 32 bits and
    /// the low 32 bits of the key's hash in the high ones (the table position comes from the top bits).
    table: Vec<u64>,
    /// log2 of the table's length.
    bits: u32,
}

/// The hash of a key's bytes.
pub(super) fn hash_key(key: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key);
    // The table takes its position from the top bits and its tag from the bottom ones: fold the halves
    // together so that both depend on every byte of the key.
    let h = hasher.finish();
    h ^ (h >> 29)
}

/// One spelling on its way into the index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spelled {
    pub hash: u64,
    pub start: u32,
    pub len: u32,
    pub place: PlaceId,
    pub demonym: bool,
    pub capitals: bool,
    pub dotted: bool,
}

impl NameIndex {
    /// Builds the index from spellings whose keys are in `scratch` (see [`Spelled`]); appends the senses
    /// of every key to `senses`.
    pub(super) fn build(scratch: &str, mut spellings: Vec<Spelled>, senses: &mut Vec<PlaceId>) -> NameIndex {
        let key_of = |s: &Spelled| &scratch.as_bytes()[s.start as usize..(s.start + s.len) as usize];
        // By hash alone, which is cheap; the rare run of equal hashes with different keys is then put in key order.
        spellings.par_sort_unstable_by_key(|s| s.hash);
        // Hashes shared by different keys (almost never any): only there must keys be compared when grouping.
        let mut mixed: Vec<u64> = Vec::new();
        let mut run = 0;
        while run < spellings.len() {
            let hash = spellings[run].hash;
            let end = run + spellings[run..].iter().take_while(|s| s.hash == hash).count();
            let key = key_of(&spellings[run]);
            if spellings[run + 1..end].iter().any(|s| key_of(s) != key) {
                spellings[run..end].sort_unstable_by(|a, b| key_of(a).cmp(key_of(b)));
                mixed.push(hash);
            }
            run = end;
        }
        let mut index = NameIndex::default();
        index.arena.reserve(scratch.len() / 2);
        let mut list: Vec<PlaceId> = Vec::new();
        let mut demonym_list: Vec<PlaceId> = Vec::new();
        let mut hashes: Vec<u64> = Vec::with_capacity(spellings.len() / 2);
        let mut i = 0;
        while i < spellings.len() {
            let first = spellings[i];
            let key = key_of(&first);
            let compare_keys = mixed.contains(&first.hash);
            let mut j = i;
            let (mut all_capitals, mut any_capitals, mut all_dotted) = (true, false, true);
            list.clear();
            demonym_list.clear();
            while j < spellings.len()
                && spellings[j].hash == first.hash
                && (!compare_keys || key_of(&spellings[j]) == key)
            {
                let s = spellings[j];
                if s.demonym {
                    demonym_list.push(s.place)
                } else {
                    list.push(s.place)
                }
                all_capitals &= s.capitals;
                any_capitals |= s.capitals;
                all_dotted &= s.dotted;
                j += 1;
            }
            // A demonym stands for its place only; a village that happens to share the word does not compete.
            let demonym = !demonym_list.is_empty();
            let chosen = if demonym { &mut demonym_list } else { &mut list };
            chosen.sort_unstable();
            chosen.dedup();
            let mut flags = NameEntry::NAME;
            if demonym {
                flags |= NameEntry::DEMONYM;
            }
            if all_capitals {
                flags |= NameEntry::CAPITALS_ONLY;
            }
            if any_capitals {
                flags |= NameEntry::CAPITALS_SPELLING;
            }
            if all_dotted {
                flags |= NameEntry::NEEDS_DOT;
            }
            let entry = NameEntry { senses_start: senses.len() as u32, senses_len: chosen.len() as u32, flags };
            senses.extend_from_slice(chosen);
            let start = index.arena.len() as u32;
            // The key was built from a `&str` a word at a time; its bytes are whole characters.
            index.arena.push_str(&scratch[first.start as usize..(first.start + first.len) as usize]);
            index.slots.push(Slot { start, len: first.len, entry });
            hashes.push(first.hash);
            i = j;
        }
        index.arena.shrink_to_fit();

        let keys = index.slots.len();
        // Room for the keys and their prefixes at a load of at most one half.
        index.bits = ((keys * 5 / 2).max(16)).next_power_of_two().trailing_zeros();
        index.table = vec![0; 1 << index.bits];
        for (slot, &hash) in hashes.iter().enumerate() {
            index.insert(hash, slot as u32);
        }
        // Every proper word prefix of a key says that a longer name goes on from it. The prefixes are hashed on
        // all threads and taken in hash order, which is table order, so the table is walked once from start to end.
        let mut prefixes: Vec<(u64, u32, u32)> = index.slots[..keys]
            .par_iter()
            .flat_map_iter(|&Slot { start, len, .. }| {
                let key = &index.arena.as_bytes()[start as usize..(start + len) as usize];
                memchr::memchr_iter(b' ', key).map(move |at| (hash_key(&key[..at]), start, at as u32))
            })
            .collect();
        prefixes.par_sort_unstable_by_key(|&(hash, ..)| hash);
        for (hash, start, len) in prefixes {
            let prefix = &index.arena.as_bytes()[start as usize..(start + len) as usize];
            match index.find(hash, prefix) {
                Some(found) => index.slots[found as usize].entry.flags |= NameEntry::PREFIX,
                None => {
                    let entry = NameEntry { flags: NameEntry::PREFIX, ..NameEntry::default() };
                    index.slots.push(Slot { start, len, entry });
                    index.insert(hash, (index.slots.len() - 1) as u32);
                }
            }
        }
        index.slots.shrink_to_fit();
        index
    }

    fn insert(&mut self, hash: u64, slot: u32) {
        if self.slots.len() * 2 > self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut at = self.home(hash);
        while self.table[at] != 0 {
            at = (at + 1) & mask;
        }
        self.table[at] = (hash << 32) | u64::from(slot + 1);
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.table);
        self.bits += 1;
        self.table = vec![0; 1 << self.bits];
        let mask = self.table.len() - 1;
        for cell in old.into_iter().filter(|&c| c != 0) {
            let slot = self.slots[(cell & 0xffff_ffff) as usize - 1];
            let hash = hash_key(self.key(&slot));
            let mut at = self.home(hash);
            while self.table[at] != 0 {
                at = (at + 1) & mask;
            }
            self.table[at] = cell;
        }
    }

    /// Where a hash starts probing: its top bits, which Fx mixes best.
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> (64 - self.bits)) as usize
    }

    #[inline]
    fn key(&self, slot: &Slot) -> &[u8] {
        &self.arena.as_bytes()[slot.start as usize..(slot.start + slot.len) as usize]
    }

    #[inline]
    fn find(&self, hash: u64, key: &[u8]) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let tag = hash << 32;
        let mut at = self.home(hash);
        loop {
            let cell = self.table[at];
            if cell == 0 {
                return None;
            }
            if cell & 0xffff_ffff_0000_0000 == tag {
                let slot = (cell & 0xffff_ffff) as u32 - 1;
                if self.key(&self.slots[slot as usize]) == key {
                    return Some(slot);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The entry of a normalised key.
    #[inline]
    pub(super) fn get(&self, key: &str) -> Option<NameEntry> {
        let key = key.as_bytes();
        self.find(hash_key(key), key).map(|slot| self.slots[slot as usize].entry)
    }

    /// Every key with its entry, in no order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, NameEntry)> {
        // Slots hold whole keys or word prefixes of them, which end before a space: both are char boundaries.
        self.slots.iter().map(|slot| (&self.arena[slot.start as usize..(slot.start + slot.len) as usize], slot.entry))
    }

    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_share_a_hash_stay_apart() {
        // Forced equal hashes: "doha", "oslo" and "doha" again must make two keys, not one with three senses.
        let scratch = "dohaoslodoha";
        let spelled = |start: u32, place: PlaceId| Spelled {
            hash: 7,
            start,
            len: 4,
            place,
            demonym: false,
            capitals: false,
            dotted: false,
        };
        let mut senses = Vec::new();
        let index = NameIndex::build(scratch, vec![spelled(0, 1), spelled(4, 2), spelled(8, 3)], &mut senses);
        assert_eq!(index.len(), 2);
        let mut keys: Vec<(&str, u32)> = index.iter().map(|(key, entry)| (key, entry.senses_len)).collect();
        keys.sort_unstable();
        assert_eq!(keys, [("doha", 2), ("oslo", 1)]);
        assert_eq!(senses.len(), 3);
    }
}
