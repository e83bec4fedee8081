{
  "algorithm": "ed25519",
  "bundle_version": "76d5a002d300",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "5e2052f12d7c6acc94e5c9bc0e1f59c36d237e88b18c057f03f414df4bb0af6b",
  "signature": "iJxu24lHDAsBu6o1t1/5TsK0twe0f6TVmcLV3Kx/rdVQPxuNyQE0Lwmwnww0SUr0xI+CZkzkOSB9B1zQLgEUDg=="
}
