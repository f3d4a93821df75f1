// Drives tus-js-client (the reference browser/Node tus client) from tests, against a running node.
//
//   node tools/node/tus-js-upload.mjs --endpoint URL --token T --file PATH [--chunk-size BYTES]
//        [--stop-after BYTES]   abort the upload once this many bytes are acknowledged (a user closing the tab)
//        [--upload-url URL]     resume this upload with a fresh client (what a reloaded page does)
//
// Prints one JSON line: {"uploadUrl", "videoId", "resumedFrom", "bytesUploaded", "aborted"}; exits 1 on error.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as tus from 'tus-js-client';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    token: { type: 'string' },
    file: { type: 'string' },
    'chunk-size': { type: 'string' },
    'stop-after': { type: 'string' },
    'upload-url': { type: 'string' },
  },
});

if (!values.endpoint || !values.token || !values.file) {
  console.error('tus-js-upload: --endpoint, --token and --file are required');
  process.exit(2);
}

const stopAfter = values['stop-after'] ? Number(values['stop-after']) : Infinity;
const result = { uploadUrl: null, videoId: null, resumedFrom: null, bytesUploaded: 0, aborted: false };

const upload = new tus.Upload(fs.createReadStream(values.file), {
  endpoint: values.endpoint,
  uploadUrl: values['upload-url'] ?? null,
  chunkSize: values['chunk-size'] ? Number(values['chunk-size']) : Infinity,
  headers: { Authorization: `Bearer ${values.token}` },
  metadata: { filename: values.file.split('/').pop(), filetype: 'video/mp4' },
  retryDelays: [0, 250, 1000],
  onAfterResponse(req, res) {
    if (req.getMethod() === 'HEAD' && result.resumedFrom === null) {
      result.resumedFrom = Number(res.getHeader('Upload-Offset'));
    }
    const videoId = res.getHeader('Video-Id');
    if (videoId) {
      result.videoId = videoId;
    }
  },
  onProgress(bytesUploaded) {
    result.bytesUploaded = bytesUploaded;
    if (bytesUploaded >= stopAfter && !result.aborted) {
      result.aborted = true;
      result.uploadUrl = upload.url;
      upload.abort().then(() => finish(0));
    }
  },
  onSuccess() {
    result.uploadUrl = upload.url;
    finish(0);
  },
  onError(error) {
    console.error(`tus-js-upload: ${error.message ?? error}`);
    finish(1);
  },
});

function finish(code) {
  console.log(JSON.stringify(result));
  process.exit(code);
}

upload.start();
