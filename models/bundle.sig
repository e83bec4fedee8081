{
  "algorithm": "ed25519",
  "bundle_version": "f4a05b4b91d7",
  "format": 1,
  "key_id": "e738eae5e9225aa7",
  "manifest_sha256": "217d49639551dd8aa9fea5a1e2100b9642d1eed90e0b4e35885208abf322bb3e",
  "signature": "C05rmgfivp+o0mZtEE1G6kC6KWt2v67e7B98jb8Da51L/FaYSir9s8Kat+yb9PwXjzbCAfLhkbU8DQ0r5ASBDw=="
}
