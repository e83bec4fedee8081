{
  "algorithm": "ed25519",
  "bundle_version": "2a5778cb7539",
  "format": 1,
  "key_id": "e738eae5e9225aa7",
  "manifest_sha256": "9eedb7cf21a99123566c7fca2713b47df8d909fa12fc1f1e864d52763091d268",
  "signature": "Yz1x0SM7bZg6gLqyNqDExrSXQbfnhGcwVXPfnOHM9TH+wdvJFj/HzKEzNtOVWoWWvMAc9ECSbqOHBaIj0Vx0Ag=="
}
