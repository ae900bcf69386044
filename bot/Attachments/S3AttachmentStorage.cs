using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ChatSupport.Bot.Attachments;

/// <summary>Storage in an S3-compatible bucket (Attachments:Storage = s3), shared by every bot instance.</summary>
public sealed class S3AttachmentStorage : IAttachmentStorage, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3StorageOptions _options;
    private readonly SemaphoreSlim _bucketChecked = new(1, 1);
    private bool _bucketReady;

    public S3AttachmentStorage(S3StorageOptions options)
    {
        _options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle ?? options.ServiceUrl is not null,
            AuthenticationRegion = options.Region,
        };
        if (options.ServiceUrl is not null) config.ServiceURL = options.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        // Plain HTTP S3 servers (s3rver, a local MinIO) cannot take the SDK's default streaming checksums.
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        _client = options.AccessKey is not null
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? ""), config)
            : new AmazonS3Client(config);
    }

    private string ObjectKey(string key) => _options.Prefix + key;

    /// <summary>Creates the bucket on first use when it is missing (a fresh MinIO or s3rver).</summary>
    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (_bucketReady) return;
        await _bucketChecked.WaitAsync(ct);
        try
        {
            if (_bucketReady) return;
            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, ct);
            }
            catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || ex.StatusCode == HttpStatusCode.Conflict)
            {
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketChecked.Release();
        }
    }

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        using var body = new MemoryStream(content, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = ObjectKey(key),
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
            // The whole body is in memory and signed as one payload: with the SDK's default aws-chunked upload, a server that does
            // not decode that framing (s3rver) stored the chunk headers inside the object, and the photo came back broken.
            UseChunkEncoding = false,
        }, ct);
    }

    public async Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_options.Bucket, ObjectKey(key), ct);
            var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            try
            {
                await _client.DeleteObjectAsync(_options.Bucket, ObjectKey(key), ct);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketChecked.Dispose();
    }
}
