{
  "algorithm": "ed25519",
  "bundle_version": "4b49d0483295",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "8043af0e796f0a1bd0a5b15cf22a8efdfdd844f98c2b80de26937f0963f5ecea",
  "signature": "Bb6ztv3TbiSlgGxt4f18hoe0xDtZ9qSsVG325THossiMlYQtRCNwbQBD7X/F9OmGjzMTcKZjO3GqhQDGL4efDg=="
}
