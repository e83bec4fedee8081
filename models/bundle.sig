{
  "algorithm": "ed25519",
  "bundle_version": "92dac148927e",
  "format": 1,
  "key_id": "e844e286edfb6fcb",
  "manifest_sha256": "67758985dab2912daf8a0c3e23a82c7d9e5c358330c61ceca049e7a131f0b9ed",
  "signature": "be9n0urPjNha6R14STvv7GML2OQJJsIULQvEcvSDbjaA5qYuGyEdevcxJf7lXxI3vZWFbEJCoFSLoR52WoWoBw=="
}
