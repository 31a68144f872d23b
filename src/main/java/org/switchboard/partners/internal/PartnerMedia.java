package org.switchboard.partners.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.partners.PartnerSupport.Download;
import org.switchboard.partners.PartnerSupport.MediaFile;

/** Files operators publish for partners (price lists, flyers, the marketing pack). */
@Repository
public class PartnerMedia {

    private final JdbcClient jdbc;

    PartnerMedia(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, String kind, String title, String filename, String contentType, byte[] content,
            Instant at) {
        jdbc.sql("""
                insert into partner_media (id, kind, title, filename, content_type, content, size, uploaded_at)
                values (:id, :kind, :title, :name, :type, :content, :size, :at)""")
                .param("id", id).param("kind", kind).param("title", title).param("name", filename)
                .param("type", contentType).param("content", content).param("size", content.length)
                .param("at", Timestamp.from(at)).update();
    }

    public List<MediaFile> all() {
        return jdbc.sql("select id, kind, title, filename, content_type, size, uploaded_at from partner_media order by kind, title")
                .query((rs, n) -> new MediaFile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant())).list();
    }

    public Optional<Download> content(UUID id) {
        return jdbc.sql("select filename, content_type, content from partner_media where id = :id").param("id", id)
                .query((rs, n) -> new Download(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }
}
