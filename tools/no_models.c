/* no_models.c - the built-in model symbols with no model (size 0), for the
 * build-time converter tools/model_image.c, which links the model code
 * before any model is embedded. */
#include <stddef.h>

const unsigned char precis_model_pos_data[1], precis_model_ner_data[1], precis_model_parse_data[1],
    precis_model_attrib_data[1], precis_model_keypoints_data[1];
const size_t precis_model_pos_size, precis_model_ner_size, precis_model_parse_size, precis_model_attrib_size,
    precis_model_keypoints_size;
