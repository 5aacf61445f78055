#!/usr/bin/env bash
# Makes samples/speech-dry.wav: a short dry line of speech from the espeak-ng synthesiser
# (original words, not film dialogue), resampled to 48 kHz 24-bit with sox, and writes the
# facts the manifest records (tool version, voice, rate, text) to speech-dry.provenance.json.
# Kept apart from `npm run samples` so CI never needs espeak-ng; rerun by hand if you change it.
# License: espeak-ng is GPL-3.0, but audio it outputs is not a derivative of its code (the
# voice data is not embedded in the output); see samples/LICENSES.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../../samples/speech-dry.wav"
VOICE=en-us
RATE_WPM=150
TEXT="Did you hear that? It came from down the street, somewhere between the towers."
DEB_VERSION=$(dpkg-query -W -f '${Version}' espeak-ng 2>/dev/null || echo unknown)
VERSION=$(espeak-ng --version | sed -n 's/^eSpeak NG text-to-speech: \([^ ]*\).*/\1/p')
TMP=$(mktemp --suffix=.wav)
trap 'rm -f "$TMP"' EXIT
espeak-ng -v "$VOICE" -s "$RATE_WPM" -w "$TMP" "$TEXT"
sox -G "$TMP" -r 48000 -b 24 "$OUT" rate -v 48000
cat > "$HERE/speech-dry.provenance.json" <<JSON
{
  "tool": "espeak-ng",
  "version": "$VERSION",
  "debianPackage": "espeak-ng $DEB_VERSION",
  "voice": "$VOICE",
  "rateWpm": $RATE_WPM,
  "text": "$TEXT",
  "processing": "espeak-ng -w (22050 Hz 16-bit), then sox -G rate -v 48000 to 48 kHz 24-bit"
}
JSON
echo "wrote $OUT (espeak-ng $VERSION)"
