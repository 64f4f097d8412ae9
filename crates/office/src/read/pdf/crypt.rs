//! The standard security handler for files that open without a password (an empty user
//! password, the usual "no copying" protection of published PDFs): revisions 2–4, RC4 and
//! AES-128 (AESV2). The key is checked against /U, so a file that really needs a password is
//! told apart; revisions 5–6 (AES-256) are refused.
//!
//! MD5 and the AES block cipher come from RustCrypto's `md-5` and `aes`; RC4 and the CBC chain
//! are the few lines the PDF reference gives.

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, KeyInit};
use md5::{Digest, Md5};

use super::syntax::{get, Dict, Obj};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68,
    0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// Why an encrypted file cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptError {
    /// A user password is needed, or the handler is not the standard one we read.
    Password,
}

/// The file key and the cipher for streams.
#[derive(Debug, Clone)]
pub struct Crypt {
    key: Vec<u8>,
    aes: bool,
    /// Streams are not encrypted (crypt filter Identity).
    identity: bool,
}

impl Crypt {
    /// The decryptor for the trailer's /Encrypt dictionary and the file's first /ID string.
    pub fn new(encrypt: &Dict, id: &[u8]) -> Result<Crypt, CryptError> {
        let int = |k: &[u8]| get(encrypt, k).and_then(Obj::int);
        let bytes = |k: &[u8]| match get(encrypt, k) {
            Some(Obj::Str(s)) => Some(s.clone()),
            _ => None,
        };
        if get(encrypt, b"Filter").and_then(Obj::name) != Some(b"Standard") {
            return Err(CryptError::Password);
        }
        let (v, r) = (int(b"V").unwrap_or(0), int(b"R").unwrap_or(0));
        let (Some(o), Some(u), Some(p)) = (bytes(b"O"), bytes(b"U"), int(b"P")) else { return Err(CryptError::Password) };
        if !(2..=4).contains(&r) || o.len() < 32 || u.len() < 32 {
            return Err(CryptError::Password);
        }
        let mut aes = false;
        let mut identity = false;
        let mut length = int(b"Length").unwrap_or(40);
        if v == 4 {
            let cf = get(encrypt, b"CF").and_then(Obj::dict);
            let stm = get(encrypt, b"StmF").and_then(Obj::name).unwrap_or(b"Identity");
            let filter = cf.and_then(|cf| get(cf, stm)).and_then(Obj::dict);
            match filter.and_then(|f| get(f, b"CFM")).and_then(Obj::name) {
                Some(b"AESV2") => aes = true,
                Some(b"V2") => {}
                _ if stm == b"Identity" => identity = true,
                _ => return Err(CryptError::Password),
            }
            length = filter.and_then(|f| get(f, b"Length")).and_then(Obj::int).map(|l| if l <= 32 { l * 8 } else { l }).unwrap_or(128);
        }
        let n = if r == 2 { 5 } else { (length / 8).clamp(5, 16) as usize };
        let mut h = Md5::new();
        h.update(PAD);
        h.update(&o[..32]);
        h.update((p as i32).to_le_bytes());
        h.update(id);
        if r >= 4 && matches!(get(encrypt, b"EncryptMetadata"), Some(Obj::Bool(false))) {
            h.update([0xff; 4]);
        }
        let mut key = h.finalize().to_vec();
        if r >= 3 {
            for _ in 0..50 {
                key = Md5::digest(&key[..n]).to_vec();
            }
        }
        key.truncate(n);
        // Check the empty password against /U.
        let ok = if r == 2 {
            rc4(&key, &PAD) == u[..32]
        } else {
            let mut h = Md5::new();
            h.update(PAD);
            h.update(id);
            let mut x = rc4(&key, &h.finalize());
            for i in 1..=19u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            x[..16] == u[..16]
        };
        if !ok {
            return Err(CryptError::Password);
        }
        Ok(Crypt { key, aes, identity })
    }

    /// Decrypts the data of object `num` `gen`.
    pub fn decrypt(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        if self.identity {
            return data.to_vec();
        }
        let mut h = Md5::new();
        h.update(&self.key);
        h.update(&num.to_le_bytes()[..3]);
        h.update(gen.to_le_bytes());
        if self.aes {
            h.update(b"sAlT");
        }
        let digest = h.finalize();
        let key = &digest[..(self.key.len() + 5).min(16)];
        if self.aes {
            aes_cbc(key, data)
        } else {
            rc4(key, data)
        }
    }
}

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255u8).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len().max(1)]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

/// AES-128-CBC with the IV in the first block and PKCS#5 padding (dropped when valid).
fn aes_cbc(key: &[u8], data: &[u8]) -> Vec<u8> {
    let Ok(cipher) = aes::Aes128::new_from_slice(key) else { return Vec::new() };
    if data.len() < 32 {
        return Vec::new();
    }
    let mut prev: [u8; 16] = [0; 16];
    prev.copy_from_slice(&data[..16]);
    let mut out = Vec::with_capacity(data.len());
    for chunk in data[16..].chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        out.extend(block.iter().zip(prev).map(|(a, b)| a ^ b));
        prev.copy_from_slice(chunk);
    }
    if let Some(&pad) = out.last() {
        if (1..=16).contains(&pad) && out.len() >= pad as usize && out[out.len() - pad as usize..].iter().all(|&b| b == pad) {
            out.truncate(out.len() - pad as usize);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rc4;

    #[test]
    fn rc4_known_answer() {
        assert_eq!(rc4(b"Key", b"Plaintext"), [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]);
    }
}
