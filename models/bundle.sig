{
  "algorithm": "ed25519",
  "bundle_version": "3c4a73542bdb",
  "format": 1,
  "key_id": "1fc3b418f04284b0",
  "manifest_sha256": "16b9498467bb8a4779b8f48400793e262c2ca13ccdd4a10f948f35b4eec6ca56",
  "signature": "HrLcKdfTXaypalavH4ZWrfwnMVe+Hluet026lf/OE2rStheivbJlLHlJhLili5Os84fpVyRNtffolTlvXE5dAA=="
}
