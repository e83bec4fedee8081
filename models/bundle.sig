{
  "algorithm": "ed25519",
  "bundle_version": "6ac6f15e894f",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "e5371fc8918bcdbb4bc631e4f5eab679cd92d0163b746ae93dd51351e525ac0a",
  "signature": "KV2UbN23V87kUv3Ssvu7Dr8W9X29RbrIYuBZBx3GmEoe57ECXs9gbUEx3x9vqaqVSpR+hbOmlWXvXTB0eEMNCg=="
}
