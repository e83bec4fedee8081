{
  "algorithm": "ed25519",
  "bundle_version": "2856de4ac95f",
  "format": 1,
  "key_id": "e738eae5e9225aa7",
  "manifest_sha256": "bbb9f505d78eb729540683130497079941badd8c68d2de2f91d996afd8f0eb40",
  "signature": "mPXfYsDIFt2DJa2dML0ZjIjTAyUidue6WiczJjghyR1w4gVEFJcClr2P/5ngne6D8ebA2xD3G44aPK7rNogbBw=="
}
