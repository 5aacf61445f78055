#!/usr/bin/env bash
# Re-creates the real (not generated) recordings in samples/ from the openly licensed
# sources in ../shared/sample-sources, or in the directory given as the first argument
# (see samples/LICENSES.md for provenance).
# What we change: resample to 48 kHz with sox's very-high-quality resampler (-G guards
# against clipping in the resampler), 24-bit PCM; the two mono halves of the measured
# street IR are merged into one stereo float file. Nothing else (no trimming, no EQ).
set -euo pipefail
SRC=${1:-"$(dirname "$0")/../../shared/sample-sources"}
OUT="$(dirname "$0")/../samples"
to48k() { sox -G "$SRC/$1" -r 48000 -b 24 "$OUT/$2" rate -v 48000; }
to48k gunshot/fluidr3_Gun.wav          gm-gunshot-canned.wav
to48k gunshot/ufoai_bullet-pistol2.ogg ufoai-pistol.wav
to48k impulsive/drum_snare_hard.flac   snare-dry.wav
to48k impulsive/openclonk_BalloonPop.wav ir-balloon-room.wav
# 158 samples of the original are clipped (at the source); -G only keeps the resampler from adding more.
to48k gunshot/openclonk_GunShoot1.ogg  openclonk-gunshot.wav
sox -M "$SRC/ir/street2-L.wav" "$SRC/ir/street2-R.wav" -e floating-point -b 32 "$OUT/ir-antwerp-street.wav"
