{
  "algorithm": "ed25519",
  "bundle_version": "5ed8f52bc101",
  "format": 1,
  "key_id": "e844e286edfb6fcb",
  "manifest_sha256": "ce198b2b0134216e71eb9e7af20cd0da7118c961206916538f8fdc7dd33522ac",
  "signature": "ALTVd5XmnyXHy0V8863gU8msOoExi4WJqD8sRvsun3+RgEFYTmeP9RfYjytpkeVZH4GI7bWnRl1yKrccManVDQ=="
}
