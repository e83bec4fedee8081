{
  "algorithm": "ed25519",
  "bundle_version": "ed56c985a1ae",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "577a7e9267e2d007b1f163c8de95dc3689cab6537cd8272cc158e89c2a04e680",
  "signature": "WT/3inOURmjIaLODqfeRDj3PqxBnqaHuIRI5UGC1pwg9PtCrz6YXHmu7Cls4Jpcp+V9K4hmmVBHpmuJR4LrHCA=="
}
