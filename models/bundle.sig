{
  "algorithm": "ed25519",
  "bundle_version": "07765d31e04e",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "a9c1ed0a9e137de971c2cc4f0e54c6647018393fd8d101b122fb6f89794b6b23",
  "signature": "gEduuGtuIT/GQSiglQ8549sLrjDiG6M4AH1MYdzn5THyFz6jcuckztmbsjMLRjaT4j0ASA8ejGBTz5m2eKAjCw=="
}
