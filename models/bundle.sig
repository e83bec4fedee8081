{
  "algorithm": "ed25519",
  "bundle_version": "b0cab9017580",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "0ae0501a975566dc406f1ee00383d36558a4fc88d44b96027315b69d45a31637",
  "signature": "GY7QAAnFJRnhPmkQvYLPH0T+SUbXDZygIn3qzIFcnK1+e3y37ge0mnB4W/BAfSiLkTVtgD24oWgPhheLxkcvDQ=="
}
