{
  "algorithm": "ed25519",
  "bundle_version": "f4a05b4b91d7",
  "format": 1,
  "key_id": "e738eae5e9225aa7",
  "manifest_sha256": "b95cec4d35207c58a49e22a6daa2c2bef9a1dbcba8e47e542e708b43640d9d98",
  "signature": "ZoCu+v7XifAWSye43JaPAKnC9ebuKQ9f/BpgOpUfgrYDc0IvQ+9d9xLBKycH98umEntDeqILJntC7l6NJpFMBg=="
}
