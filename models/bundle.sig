{
  "algorithm": "ed25519",
  "bundle_version": "ba51c7d69876",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "44c8426c5bc4155ca0d9ebcb6b5fc3cf7d6d98dacea6a3f7f0d08b4fcd62e98d",
  "signature": "Hz4sSpIk0FVJFEbV+DOyI8cgUnjU5p+dnVVB7mdyEsQe5CBehoHoJjib8Tm5P2EoSYjEvGFjjBNjtn0J+e08AA=="
}
