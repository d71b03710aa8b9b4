//! Files of oneonone's own in the notebook's state folder that it trusts
//! only as far as it can check them: each signed with a keyed BLAKE3
//! checksum (a MAC) under a random key kept in `.oneonone/cache-key`,
//! readable by the owner only. A file edited by hand, or written by
//! anything but oneonone with that key, fails the check and is not even
//! parsed. The follow-up cache's files and the list of the notebook's
//! folders are such files.

use std::path::Path;

use super::Modes;

/// The file in the state folder that holds the key.
pub const KEY_FILE: &str = "cache-key";

/// Bytes in the key.
pub const KEY_LEN: usize = blake3::KEY_LEN;

/// The body of a file whose first line is `magic` and a checksum that is
/// right under `key`.
#[must_use]
pub fn verified<'a>(key: &[u8; KEY_LEN], magic: &[u8], bytes: &'a [u8]) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(magic)?;
    let newline = rest.iter().position(|&b| b == b'\n')?;
    let recorded = blake3::Hash::from_hex(&rest[..newline]).ok()?;
    let body = &rest[newline + 1..];
    // `Hash`'s equality takes the same time wherever the two differ.
    (blake3::keyed_hash(key, body) == recorded).then_some(body)
}

/// `body` with its first line: `magic` and its checksum under `key`.
#[must_use]
pub fn signed(key: &[u8; KEY_LEN], magic: &[u8], body: &[u8]) -> Vec<u8> {
    let mac = blake3::keyed_hash(key, body);
    let mut bytes = Vec::with_capacity(magic.len() + 65 + body.len());
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(mac.to_hex().as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(body);
    bytes
}

/// The key in the state folder `dir`, if it is a regular file of the
/// right size that only its owner can read or write.
#[must_use]
pub fn read_key(dir: &Path) -> Option<[u8; KEY_LEN]> {
    let path = dir.join(KEY_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    let bytes = super::read_regular(&path, Some(KEY_LEN as u64 + 1)).ok()?;
    bytes.try_into().ok()
}

/// Makes a new random key in the state folder `dir` (replacing one that
/// is not fit to use); `None` when it cannot be written.
#[must_use]
pub fn new_key(dir: &Path) -> Option<[u8; KEY_LEN]> {
    let key: [u8; KEY_LEN] = rand::random();
    let path = dir.join(KEY_FILE);
    match super::write_new(&path, &key) {
        Ok(()) => Some(key),
        // Another oneonone made one meanwhile: use it, if it is good.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(dir).or_else(|| {
            super::write_owned(&path, &key, Modes::PRIVATE).ok()?;
            Some(key)
        }),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_body_signed_with_the_key_is_read() {
        let key = [7; KEY_LEN];
        let body = b"\x01x\x00\x00";
        let file = signed(&key, b"magic ", body);
        assert_eq!(verified(&key, b"magic ", &file), Some(&body[..]));
        assert_eq!(
            verified(&[8; KEY_LEN], b"magic ", &file),
            None,
            "another key"
        );
        assert_eq!(
            verified(&key, b"other ", &file),
            None,
            "another kind of file"
        );
        let mut edited = file.clone();
        *edited.last_mut().unwrap() = b']';
        assert_eq!(verified(&key, b"magic ", &edited), None, "an edited body");
        assert_eq!(verified(&key, b"magic ", body), None, "no header");
        assert_eq!(verified(&key, b"magic ", b""), None);
    }
}
