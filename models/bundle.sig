{
  "algorithm": "ed25519",
  "bundle_version": "03288afee933",
  "format": 1,
  "key_id": "1fc3b418f04284b0",
  "manifest_sha256": "e9e24d7f6d46ce3dfd1ccafee47e6d5fc2f479f9479339eeb47419c349498219",
  "signature": "n4oNkycm2y2NgoTYbiNcxGGyVUVk352Ju5BTaUahcRTWzxp1kN4umUqCvF0cqPC/5qFH5akKcXdwsfEgsmTiCw=="
}
