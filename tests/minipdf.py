"""Write tiny one-page PDFs by hand, for the PDF error cases: plain text, a text-less "scan"
(an image and nothing else), and a password-protected file (standard security handler,
RC4 40-bit, revision 2; the content is really encrypted). Pure Python, no PDF library.

    >>> path = write_pdf(tmp_path / "a.pdf", text="Minutes of the meeting")
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

# The padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex(
    "28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
_FILE_ID = hashlib.md5(b"budgetqa test pdf").digest()
_PERMISSIONS = -44


def write_pdf(path: Path, text: str | None = None, image: bool = False,
              user_password: str | None = None) -> Path:
    """A one-page A4 PDF showing ``text`` (ASCII, Helvetica) and/or a grey 8x8 image."""
    content = b""
    if image:
        content += b"q 400 0 0 400 100 300 cm /Im1 Do Q\n"
    if text:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += b"BT /F1 18 Tf 72 760 Td (" + escaped.encode("latin-1") + b") Tj ET\n"
    pixels = bytes((x * 16 + y * 8) % 256 for y in range(8) for x in range(8))

    key = _file_key(user_password) if user_password is not None else None
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        _stream(zlib.compress(content), b"/Filter /FlateDecode", key, 4),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 "
                        b"/ColorSpace /DeviceGray /BitsPerComponent 8", key, 6),
    ]
    trailer = b"/Root 1 0 R /ID [<%s> <%s>]" % (_FILE_ID.hex().encode(), _FILE_ID.hex().encode())
    if user_password is not None:
        owner = _owner_entry(user_password)
        user = _rc4(key, _PAD)
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                       % (owner.hex().encode(), user.hex().encode(), _PERMISSIONS))
        trailer += b" /Encrypt %d 0 R" % len(objects)
    path.write_bytes(_assemble(objects, trailer))
    return path


def _assemble(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, entries: bytes, key: bytes | None, number: int) -> bytes:
    if key is not None:
        data = _rc4(_object_key(key, number), data)
    return b"<< %s /Length %d >>\nstream\n" % (entries, len(data)) + data + b"\nendstream"


# ---------------------------------------------------------------- standard security, R2


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def _owner_entry(user_password: str, owner_password: str = "owner") -> bytes:
    return _rc4(hashlib.md5(_padded(owner_password)).digest()[:5], _padded(user_password))


def _file_key(user_password: str) -> bytes:
    seed = (_padded(user_password) + _owner_entry(user_password)
            + _PERMISSIONS.to_bytes(4, "little", signed=True) + _FILE_ID)
    return hashlib.md5(seed).digest()[:5]


def _object_key(key: bytes, number: int, generation: int = 0) -> bytes:
    digest = hashlib.md5(key + number.to_bytes(3, "little") + generation.to_bytes(2, "little"))
    return digest.digest()[: len(key) + 5]


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)
