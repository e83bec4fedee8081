{
  "algorithm": "ed25519",
  "bundle_version": "2a76bfad902d",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "07d982652804891637133f6aa7ff5aeedcbd3a1a078824b54c7318272c542398",
  "signature": "iHZTG6SfLVIPgs2KzHp0PXEF5gluTHqXw7rFy5rbtNezHK+JL4SMzW5Sf5DIReSz0oQ+Jmg07Ihclzqbi1BGAA=="
}
