{
  "algorithm": "ed25519",
  "bundle_version": "76d5a002d300",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "272034c3e49c7c908a9ab3384ac64e1eccd1658ea17fec51278f931d1a3b4798",
  "signature": "8Cli70hEu4mkvOxaTgoktF/63w1FM1WYejizhrROvWM7AgvzsmBO6AZdciQXsoBbyBZpHsQrAy0mVwm4S9xOAA=="
}
