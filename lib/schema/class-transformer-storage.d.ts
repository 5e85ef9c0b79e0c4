// class-transformer keeps its metadata storage (needed for nested @Type schemas) out of its typed exports.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
