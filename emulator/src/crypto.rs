//! Secrets: random tokens in Quay's alphabets, password hashing, token hashing, and Quay's
//! `encrypt_user_password`.

use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// `length` characters of `[A-Z0-9]` (Quay's OAuth tokens, client ids and secrets, temporary
/// passwords).
pub fn random_upper_alnum(length: usize) -> String {
    let mut rng = rand::rng();
    (0..length)
        .map(|_| char::from(UPPER_ALNUM[rng.random_range(0..UPPER_ALNUM.len())]))
        .collect()
}

/// url-safe base64 (with padding) of `bytes` random bytes; 48 bytes give Quay's 64-char CSRF token.
pub fn random_urlsafe(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill(buf.as_mut_slice());
    base64::engine::general_purpose::URL_SAFE.encode(buf)
}

pub fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rng().fill(&mut key);
    key
}

/// Tokens and session cookies are stored only as this digest, so a copied database grants nothing.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An Argon2id PHC string. CPU-heavy: call it off the async workers.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Quay's `encrypt_user_password`: AES-256-CBC with PKCS#7 padding of
/// `json.dumps({"password": password})`, random IV, `base64(iv + ciphertext)`.
pub fn encrypt_user_password(key: &[u8; 32], password: &str) -> String {
    let message = crate::python::json_dumps(&serde_json::json!({ "password": password }));
    let mut iv = [0u8; 16];
    rand::rng().fill(&mut iv);
    let ciphertext = cbc::Encryptor::<aes::Aes256>::new(key.into(), &iv.into())
        .encrypt_padded_vec_mut::<Pkcs7>(message.as_bytes());
    let mut out = iv.to_vec();
    out.extend_from_slice(&ciphertext);
    base64::engine::general_purpose::STANDARD.encode(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::BlockDecryptMut;

    #[test]
    fn token_alphabet_and_length() {
        let t = random_upper_alnum(40);
        assert_eq!(t.len(), 40);
        assert!(t
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        assert_ne!(t, random_upper_alnum(40));
    }

    #[test]
    fn csrf_token_is_64_urlsafe_chars() {
        let t = random_urlsafe(48);
        assert_eq!(t.len(), 64);
        assert!(t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn encrypted_password_round_trips_like_quays_aes_cipher() {
        let key = random_key();
        let enc = encrypt_user_password(&key, "password1");
        assert_eq!(enc.len(), 64, "16-byte IV + 32 bytes of ciphertext");
        assert_ne!(enc, encrypt_user_password(&key, "password1"), "random IV");
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&enc)
            .unwrap();
        let (iv, ct) = raw.split_at(16);
        let iv: [u8; 16] = iv.try_into().unwrap();
        let plain = cbc::Decryptor::<aes::Aes256>::new((&key).into(), &iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(ct)
            .unwrap();
        assert_eq!(plain, br#"{"password": "password1"}"#);
    }

    #[test]
    fn password_hash_verifies() {
        let h = hash_password("secret123").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("secret123", &h));
        assert!(!verify_password("secret124", &h));
        assert!(!verify_password("secret123", "not a hash"));
    }

    #[test]
    fn sha256_hex_is_lowercase_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
