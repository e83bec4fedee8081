{
  "algorithm": "ed25519",
  "bundle_version": "c54fc71c9bcd",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "06b7ee8213cbe2c080f6c91e7153d20cddc1cac7f2bebb941532cc1883284052",
  "signature": "9wzckqqyO9glEWo+Lpa6KXCa+vZ5FEqRcKCGlZ4zy/ICYGk6hlfuTLkugWb/ivu/JaaxnpQxqJQWNs405ZtQCA=="
}
