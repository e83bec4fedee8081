{
  "algorithm": "ed25519",
  "bundle_version": "32ce30ff81a4",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "d3d7797b6dbffb1d93748c88ea0ffc2629f90ded1340160a8e0f8c2f22cd653f",
  "signature": "ZsfbJDKCupgYU26oeN+Y8QIHflcLhYYrfDhBTbBXzSxlNYPk++7nYi3RjfysacSlKdWsJVKQv/JQAvccFP36Cg=="
}
