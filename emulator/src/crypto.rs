//! Secrets: random tokens in Quay's alphabets, password hashing, token hashing, and Quay's
//! `encrypt_user_password`.

use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// `length` characters of `[A-Z0-9]` (Quay's OAuth tokens, client ids and secrets, temporary
/// passwords).
pub fn random_upper_alnum(length: usize) -> String {
    let mut rng = rand::rng();
    (0..length)
        .map(|_| char::from(UPPER_ALNUM[rng.random_range(0..UPPER_ALNUM.len())]))
        .collect()
}

/// `length` characters of `[A-Za-z0-9]` (Quay's `random_string_generator`, e-mail codes).
pub fn random_alnum(length: usize) -> String {
    let mut rng = rand::rng();
    (0..length)
        .map(|_| char::from(ALNUM[rng.random_range(0..ALNUM.len())]))
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
    hex_lower(&Sha256::digest(text.as_bytes()))
}

/// Lowercase hex of `bytes` (hot: every request's token hash, every listed avatar), without a
/// `format!` per byte.
pub fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    hex
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

/// The Fernet (the `cryptography` package's format, which Quay's `encrypt_string` uses) of a
/// 32-byte key: its first half signs, its second half encrypts.
fn fernet(key: &[u8; 32]) -> fernet::Fernet {
    fernet::Fernet::new(&base64::engine::general_purpose::URL_SAFE.encode(key))
        .expect("a 32-byte key is a Fernet key")
}

/// A Fernet token issued at `now_s`: `0x80 ‖ timestamp ‖ IV ‖ AES-128-CBC(plaintext) ‖
/// HMAC-SHA256`, url-safe base64 with padding.
pub fn fernet_encrypt(key: &[u8; 32], plaintext: &[u8], now_s: u64) -> String {
    fernet(key).encrypt_at_time(plaintext, now_s)
}

/// The plaintext of a Fernet token made with `key`, at most `ttl_s` seconds old (and not from
/// the future beyond Fernet's 60 s clock skew); `None` for anything else.
pub fn fernet_decrypt(key: &[u8; 32], token: &str, ttl_s: u64, now_s: u64) -> Option<Vec<u8>> {
    let fernet = fernet(key);
    // The crate checks the age as `timestamp + ttl` before the signature, which a forged
    // timestamp near the end of time overflows: the first pass refuses tokens from the future.
    fernet.decrypt_at_time(token, None, now_s).ok()?;
    fernet.decrypt_at_time(token, Some(ttl_s), now_s).ok()
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
    fn hmac_matches_rfc_4231() {
        use hmac::Mac;
        // Test case 2.
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let hex = hex_lower(&mac.finalize().into_bytes());
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn fernet_round_trip_ttl_and_tampering() {
        let key = random_key();
        let token = fernet_encrypt(&key, b"{\"start_index\": 5}", 1_000_000);
        assert!(token.starts_with("gAAAAA"), "{token}");
        assert_eq!(
            fernet_decrypt(&key, &token, 100, 1_000_050).as_deref(),
            Some(&b"{\"start_index\": 5}"[..])
        );
        assert_eq!(
            fernet_decrypt(&key, &token, 100, 1_000_101),
            None,
            "expired"
        );
        assert_eq!(fernet_decrypt(&random_key(), &token, 100, 1_000_050), None);
        let mut bad = token.clone().into_bytes();
        bad[20] = if bad[20] == b'A' { b'B' } else { b'A' };
        let bad = String::from_utf8(bad).unwrap();
        assert_eq!(fernet_decrypt(&key, &bad, 100, 1_000_050), None);
        assert_eq!(fernet_decrypt(&key, "garbage", 100, 1_000_050), None);
        assert_eq!(fernet_decrypt(&key, "", 100, 1_000_050), None);
    }

    /// A page token issued by the emulator's earlier, hand-written Fernet (key bytes 0 to 31,
    /// issued at 1,700,000,000 s): tokens already handed out and stored stay readable. Python's
    /// `cryptography.fernet` decrypts it too.
    const ISSUED_TOKEN: &str = "gAAAAABlU_EA-QmaX4Eia_DDaJdyeVa4QMKUYvs0GUA2Bz_WKjC5h4iwi7CaZWwmczH2_W6-gGONVHnAj38i_i_I68Y2X8l9nZebBr_ZjIf6kMb2o8Cvx5I=";

    #[test]
    fn fernet_reads_a_token_issued_before() {
        let key: [u8; 32] = std::array::from_fn(|i| i as u8);
        assert_eq!(
            fernet_decrypt(&key, ISSUED_TOKEN, 100, 1_700_000_050).as_deref(),
            Some(&b"{\"start_index\": 5}"[..])
        );
        assert_eq!(fernet_decrypt(&key, ISSUED_TOKEN, 100, 1_700_000_101), None);
        assert_eq!(
            fernet_decrypt(&key, ISSUED_TOKEN, 100, 1_699_999_939),
            None,
            "from the future"
        );
        assert_eq!(
            fernet_decrypt(&random_key(), ISSUED_TOKEN, 100, 1_700_000_050),
            None
        );
        // A forged timestamp at the end of time is refused, not an overflow.
        let mut forged = base64::engine::general_purpose::URL_SAFE
            .decode(ISSUED_TOKEN)
            .unwrap();
        forged[1..9].copy_from_slice(&u64::MAX.to_be_bytes());
        let forged = base64::engine::general_purpose::URL_SAFE.encode(forged);
        assert_eq!(fernet_decrypt(&key, &forged, 100, 1_700_000_050), None);
    }

    #[test]
    fn sha256_hex_is_lowercase_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
