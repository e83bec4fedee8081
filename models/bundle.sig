{
  "algorithm": "ed25519",
  "bundle_version": "76e3394bc7e9",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "875df57a730350aeb50306a93b65a5e5ad9e8ff1fd77c3abc4175d801ed8a672",
  "signature": "renAZS8FlUkY0tEfOkwZ36V4Ohydvc7bJRSzJ4jeUujnOtd6ATzYzOER4uw/KOs/8N2eSR8aue22I7Xienn7Bw=="
}
