{
  "algorithm": "ed25519",
  "bundle_version": "3efa40bc7e8b",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "e384a9539ff36d63155a760dd4722cfbf546bd5d7adf7028d90cd75ed278819e",
  "signature": "zkizIADFPjeKn/svEH1CBYxCAh97gWokLe8nT2mfcx9BcOsBE4rSsNBwBLjKdU8CCjVnEM9pDdW3QIIMTsgqDg=="
}
