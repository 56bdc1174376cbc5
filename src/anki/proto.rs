//! Just enough protobuf to read Anki 2.1.50+ notetype and template configs:
//! the first value of each field number, by wire type.

/// A decoded field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

fn varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut out = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*pos)?;
        *pos += 1;
        out |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(out);
        }
    }
    None
}

/// The first value of field `field` in a message, if present and well formed.
pub fn field(buf: &[u8], field: u64) -> Option<Value<'_>> {
    let mut pos = 0;
    while pos < buf.len() {
        let key = varint(buf, &mut pos)?;
        let (num, wire) = (key >> 3, key & 7);
        let value = match wire {
            0 => Value::Varint(varint(buf, &mut pos)?),
            1 => {
                pos = pos.checked_add(8)?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(varint(buf, &mut pos)?).ok()?;
                let end = pos.checked_add(len)?;
                let v = Value::Bytes(buf.get(pos..end)?);
                pos = end;
                v
            }
            5 => {
                pos = pos.checked_add(4)?;
                Value::Fixed
            }
            _ => return None,
        };
        if num == field {
            return Some(value);
        }
    }
    None
}

/// Field `n` as a UTF-8 string ("" when absent).
pub fn string(buf: &[u8], n: u64) -> String {
    match field(buf, n) {
        Some(Value::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

/// Field `n` as a varint (0 when absent).
pub fn uint(buf: &[u8], n: u64) -> u64 {
    match field(buf, n) {
        Some(Value::Varint(v)) => v,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_varints_and_strings() {
        // field 1 = varint 1; field 3 = "ab"
        let msg = [0x08, 0x01, 0x1a, 0x02, b'a', b'b'];
        assert_eq!(uint(&msg, 1), 1);
        assert_eq!(string(&msg, 3), "ab");
        assert_eq!(uint(&msg, 2), 0);
    }

    #[test]
    fn garbage_does_not_panic() {
        for msg in [
            &[0xff_u8; 12][..],
            &[0x0a, 0xff, 0xff, 0xff, 0x0f],
            &[0x0a, 0x05, 1],
        ] {
            let _ = field(msg, 1);
            let _ = string(msg, 2);
        }
    }
}
