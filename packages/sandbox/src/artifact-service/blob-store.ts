/**
 * The artifact container in Azurite and the SAS URLs handed to the client.
 *
 * Azurite only accepts its well-known development account, so the URLs are signed
 * with that key, path-style: http://127.0.0.1:<port>/devstoreaccount1/<container>/<blob>?<sas>
 */
import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";

export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
export const ARTIFACT_CONTAINER = "actions-results";

const URL_LIFETIME_MS = 60 * 60 * 1000;

export class ArtifactBlobs {
  private readonly credential = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY);
  private readonly container: ContainerClient;

  constructor(origin: string, containerName = ARTIFACT_CONTAINER) {
    const service = new BlobServiceClient(`${origin}/${DEV_ACCOUNT}`, this.credential);
    this.container = service.getContainerClient(containerName);
  }

  async init(): Promise<void> {
    await this.container.createIfNotExists();
  }

  /** Write-only URL: `c`reate plus `w`rite covers Put Block and Put Block List. */
  uploadUrl(blobName: string): string {
    return this.sign(blobName, "cw");
  }

  /**
   * Read-only URL. For a raw (non-zip) artifact the download keeps its file name
   * only through Content-Disposition, which the SAS makes Azurite answer with.
   */
  downloadUrl(blobName: string, fileName?: string): string {
    return this.sign(blobName, "r", fileName ? attachment(fileName) : undefined);
  }

  /** Size of the committed blob, or undefined when nothing was committed. */
  async committedSize(blobName: string): Promise<number | undefined> {
    try {
      const props = await this.container.getBlobClient(blobName).getProperties();
      return props.contentLength;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async delete(blobName: string): Promise<void> {
    await this.container.getBlobClient(blobName).deleteIfExists();
  }

  private sign(blobName: string, permissions: string, contentDisposition?: string): string {
    const blob = this.container.getBlobClient(blobName);
    const sas = generateBlobSASQueryParameters(
      {
        containerName: this.container.containerName,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + URL_LIFETIME_MS),
        ...(contentDisposition ? { contentDisposition } : {}),
      },
      this.credential,
    );
    return `${blob.url}?${sas.toString()}`;
  }
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name, as the client prefers. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
