{
  "algorithm": "ed25519",
  "bundle_version": "ff7af9e9aaf8",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "053cd23c45ec35917a238a24ca274dc7482836d8372e0e36733162a1cbbe20a2",
  "signature": "2pe1Pw2kPAqzSKF/ajl3o14GZzjtRez8DgN0s/2PLjE76KgCWnzbqLgfyf2oFEBzsXeDu/ksvhCS+YewqZ5rCA=="
}
