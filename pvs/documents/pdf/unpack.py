"""Stream data within the unpack limit: a few KB of a PDF stream may unpack to gigabytes.

qpdf and pdfminer unpack whatever a file asks, so pvs unpacks every Flate step itself, within the
limit, before they do. Object streams and cross-reference streams are checked in the raw bytes,
before either library opens the file: both unpack them while opening it. What pvs does not check
here (RunLength and LZW steps, anything after a predictor, an encrypted object stream) is left to
the memory budget every read runs under.
"""

from __future__ import annotations

import re
import zlib

import pikepdf

from pvs.documents.files import damaged
from pvs.documents.pdf.text import name_bytes
from pvs.limits import MB, inflate, limits, too_much_unpacked

# What qpdf raises on data it cannot read: PdfError, and QpdfRuntimeError for checks outside its
# parser (a predictor row of absurd width). pikepdf before 10 raised a plain RuntimeError there,
# which is too broad to catch around pvs's own code; the budget judges those.
QPDF_ERRORS: tuple[type[Exception], ...] = (
    pikepdf.PdfError,
    getattr(pikepdf, "QpdfRuntimeError", pikepdf.PdfError),
)
# /Fl is the short name inline images use; qpdf and pdfminer accept it on any stream.
FLATE = (pikepdf.Name.FlateDecode, pikepdf.Name("/Fl"))
_RAW_FLATE = (b"/FlateDecode", b"/Fl")
CHUNK = 1 << 16
# The /Type of an object or xref stream; a name with #-escapes is undone and compared after.
_PACKED = re.compile(rb"/Type\s*/(ObjStm|XRef|[^\s/\[\]<>()]*#[^\s/\[\]<>()]*)(?![^\s/\[\]<>()])")
_STREAM = re.compile(rb"\bstream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/[^\s/\[\]<>()]+")
_Parms = pikepdf.Object | None  # a filter's /DecodeParms entry
# The decoding parameters of the filters qpdf decodes here: predictors and LZW.
_NUMBERS = ("/Predictor", "/Colors", "/BitsPerComponent", "/Columns", "/EarlyChange")
DICTIONARY = 4096  # how far around /Type pvs looks for the rest of a packed stream's dictionary


def bounded_bytes(stream: pikepdf.Stream, name: str) -> bytes:
    """A stream's data, decoded step by step; every Flate step unpacks within the limit."""
    try:
        data = stream.read_raw_bytes()
        for step, parms in _steps(stream, name):
            data = _decode(data, step, parms, name)
    except QPDF_ERRORS:
        raise damaged(name) from None
    return data


def check_packed_streams(content: bytes, name: str) -> None:
    """Refuse an object or xref stream that unpacks past the limit, before a library opens it."""
    for match in _PACKED.finditer(content):
        if name_bytes(match.group(1)) not in (b"ObjStm", b"XRef"):
            continue
        start = content.rfind(b"obj", max(0, match.start() - DICTIONARY), match.start())
        stream = _STREAM.search(content, match.end(), match.end() + DICTIONARY)
        if start >= 0 and stream is not None:
            _unpack_raw(content, stream.end(), content[start : stream.start()], name)


def _unpack_raw(content: bytes, start: int, dictionary: bytes, name: str) -> None:
    """Unpack the Flate steps of the stream at `start` within the limit, only to see they fit."""
    found = _FILTER.search(dictionary)
    steps = [name_bytes(s) for s in _NAME.findall(found.group(1))] if found else []
    # A predictor never makes data larger, but a step after it would need it undone first.
    predicted = b"/DecodeParms" in dictionary or b"/DP" in dictionary
    if not steps or steps[0] not in _RAW_FLATE:
        return
    try:
        data = _inflate_in_place(content, start, name)
        for step in steps[1:]:
            if predicted or step not in _RAW_FLATE:
                return
            data = inflate(data, name)
    except zlib.error:
        return  # damaged or encrypted: the library that opens the file has its say


def _inflate_in_place(content: bytes, start: int, name: str) -> bytes:
    """Unpack the zlib data starting at `start`, reading the file only as far as it runs.

    Its own end counts, not /Length or the word `endstream`: either may be a lie.
    """
    limit = limits().unpacked_mb * MB
    decompressor = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    for offset in range(start, len(content), CHUNK):
        part = decompressor.decompress(content[offset : offset + CHUNK], limit + 1 - size)
        parts.append(part)
        size += len(part)
        if size > limit:
            raise too_much_unpacked(name)
        if decompressor.eof:
            break
    return b"".join(parts)


def _steps(stream: pikepdf.Stream, name: str) -> list[tuple[pikepdf.Object, _Parms]]:
    """The stream's filters in order, each with its parameters (None when it has none)."""
    filters, parms = stream.get("/Filter"), stream.get("/DecodeParms")
    steps = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters else []
    given = list(parms) if isinstance(parms, pikepdf.Array) else [parms]
    if not all(isinstance(step, pikepdf.Name) for step in steps):
        raise damaged(name)
    return [(step, given[i] if i < len(given) else None) for i, step in enumerate(steps)]


def _decode(data: bytes, step: pikepdf.Object, parms: _Parms, name: str) -> bytes:
    if step in FLATE:
        try:
            unpacked = inflate(data, name)
        except zlib.error:
            raise damaged(name) from None
        if not _has_predictor(parms):
            return unpacked
        # A predictor never makes data larger than what pvs just let through: qpdf may undo it.
    return _qpdf_step(data, step, parms)


def _has_predictor(parms: _Parms) -> bool:
    predictor = parms.get("/Predictor") if isinstance(parms, pikepdf.Dictionary) else None
    return isinstance(predictor, int) and predictor > 1


def _qpdf_step(data: bytes, step: pikepdf.Object, parms: _Parms) -> bytes:
    """One filter step decoded by qpdf (ASCIIHex, ASCII85, RunLength, LZW, predictors)."""
    scratch = pikepdf.new()
    stream = pikepdf.Stream(scratch, data)
    stream.Filter = step
    if isinstance(parms, pikepdf.Dictionary):
        stream.DecodeParms = pikepdf.Dictionary(
            {key: parms[key] for key in _NUMBERS if isinstance(parms.get(key), int)}
        )
    return stream.read_bytes()
