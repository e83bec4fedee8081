{
  "algorithm": "ed25519",
  "bundle_version": "76d5a002d300",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "cd538898b5cbd17eaeeb094d90bf5b2dd12f132f0da44c6ce936606eca402cc5",
  "signature": "Hbu1Y2hHS000HDdTZ1+4b72tefC0AKmU8jGV48awktya+qIgXJEf4zNlI+NPDP80AL7Tytm5X3lqT9449xIFBw=="
}
