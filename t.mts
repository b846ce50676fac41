import { fileKeyForEmptyPassword } from './src/domain/inspection/pdf-encryption.ts';
const u = Buffer.from('86270432ecb25433a37e461bfc3721bed1d73810583503f1be6afb42ad523da86adfe4b76358edf0738fbc8e053fb121', 'hex');
const ue = Buffer.from('556ca676e248a3198b38f63302d3ff73c316b0e5b60010714ba511ae91687686', 'hex');
console.log(fileKeyForEmptyPassword({ standard: true, v: 5, r: 6, lengthBits: 256, p: -4, o: null, u, ue, encryptMetadata: true }, null));
