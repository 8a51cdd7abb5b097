package dev.pinpipeline.ingest.pin;

/** Request examples for the OpenAPI document, copied unchanged from the real sample in data/real-pins/. */
final class PinExamples {

    /** A newer record (with {@code poster_name}), pins-v2-877.jsonl line 1. */
    static final String NEWER_PIN = """
			{"index": 4, "unique_id": "55abcd28-bda1-4453-bbcd-1427fb3aa49b", "title": "Mexican Artist Uses Unique Technique To Make His Drawings Glow, And The Result Is Mesmerizing", "description": "Mexican artist Enrique Bernal has found a magical way to illuminate his beautiful pencil drawings with life. Check his unique glowing art in this article!", "poster_name": "Bored Panda", "follower_count": "2M", "tag_list": "Girl Drawing Sketches,Art Drawings Sketches Simple,Pencil Art Drawings,Realistic Drawings,Cool Drawings,Drawing Ideas,Panda Drawing,Disney Drawings,Pencil Drawing Inspiration", "is_image_or_video": "image", "image_src": "https://i.pinimg.com/originals/0c/37/fa/0c37fab39da6ded220c3f9ccac8d117c.jpg", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"}
			""";

    /** An older record (no {@code poster_name}, the original's 11 fields, placeholders), the v1 file's line 1. */
    static final String OLDER_PIN = """
			{"category": "mens-fashion", "index": 7528, "unique_id": "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "title": "No Title Data Available", "description": "No description available Story format", "follower_count": "User Info Error", "tag_list": "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "is_image_or_video": "multi-video(story page format)", "image_src": "Image src error.", "downloaded": 0, "save_location": "Local save in /data/mens-fashion"}
			""";

    /** Another newer record: its description ends in an ellipsis and a no-break space. */
    static final String NEWER_PIN_2 = """
			{"index": 25, "unique_id": "f19b91c7-2a58-41ae-a013-3806d248baec", "title": "How to use an Angled Paint Brush! Painting Techniques with The Social Easel Online Paint Studio", "description": "If I could only choose one paint brush it would be the angled brush! I am going to break down four separate Techniques I like to use an Angled Paint Brush with a video painting\u2026\u00a0", "poster_name": "The Social Easel Online Paint Studio | Video Painting Tutorials", "follower_count": "20k", "tag_list": "Fall Canvas Painting,Basic Painting,Acrylic Painting Flowers,Canvas Painting Tutorials,Autumn Painting,Painting Techniques,Diy Painting,Painting & Drawing,Canvas Art", "is_image_or_video": "image", "image_src": "https://i.pinimg.com/originals/cc/8e/81/cc8e8190f773d5e3bb7d86890b566da7.png", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"}
			""";

    static final String PIN_ARRAY = """
			[{"index": 4, "unique_id": "55abcd28-bda1-4453-bbcd-1427fb3aa49b", "title": "Mexican Artist Uses Unique Technique To Make His Drawings Glow, And The Result Is Mesmerizing", "description": "Mexican artist Enrique Bernal has found a magical way to illuminate his beautiful pencil drawings with life. Check his unique glowing art in this article!", "poster_name": "Bored Panda", "follower_count": "2M", "tag_list": "Girl Drawing Sketches,Art Drawings Sketches Simple,Pencil Art Drawings,Realistic Drawings,Cool Drawings,Drawing Ideas,Panda Drawing,Disney Drawings,Pencil Drawing Inspiration", "is_image_or_video": "image", "image_src": "https://i.pinimg.com/originals/0c/37/fa/0c37fab39da6ded220c3f9ccac8d117c.jpg", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"},
			{"category": "mens-fashion", "index": 7528, "unique_id": "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "title": "No Title Data Available", "description": "No description available Story format", "follower_count": "User Info Error", "tag_list": "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "is_image_or_video": "multi-video(story page format)", "image_src": "Image src error.", "downloaded": 0, "save_location": "Local save in /data/mens-fashion"}]
			""";

    static final String PIN_LINES = NEWER_PIN + OLDER_PIN + NEWER_PIN_2;

    static final String RECEIPT = """
			{"event_id":"0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10","ingested_at":"2026-11-26T13:45:50.123Z","topic":"PinterestTopic","partition":1,"offset":42}
			""";

    static final String BULK_RECEIPT = """
			{"accepted":1,"rejected":1,"unavailable":0,"results":[
			{"item":0,"status":"accepted","event_id":"0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10","ingested_at":"2026-11-26T13:45:50.123Z","partition":1,"offset":42},
			{"item":1,"status":"rejected","errors":[{"field":"unique_id","message":"is required"}],"message":"The pin breaks the data contract: unique_id."}]}
			""";

    static final String INVALID_PIN_PROBLEM = """
			{"type":"urn:pinpipeline:problem:invalid_pin","title":"Invalid pin","status":422,"detail":"The pin breaks the data contract: index, unique_id.","instance":"/pin/","errors":[{"field":"index","message":"must be between 0 and 2147483647, not -1"},{"field":"unique_id","message":"must be a UUID (8-4-4-4-12 hexadecimal digits), not \\"abc\\""}]}
			""";

    private PinExamples() {}
}
